package io.switchboard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * One Kafka node, or three in one KRaft quorum (each node a broker and a controller, replication factor 3,
 * {@code min.insync.replicas=2}). Each node is a {@link RestartablePart}, so the chaos run can kill one at a time.
 */
public final class KafkaCluster implements AutoCloseable {
    private final List<RestartablePart<KafkaBroker>> nodes;
    private final String bootstrap;

    private KafkaCluster(List<RestartablePart<KafkaBroker>> nodes, String bootstrap) {
        this.nodes = nodes;
        this.bootstrap = bootstrap;
    }

    /** Starts every node at once (a quorum needs a majority to elect), then waits for each. */
    public static KafkaCluster start(Path home, Path dataDir, int size, int port, int controllerPort, int partitions)
            throws IOException, InterruptedException {
        if (size != 1 && size != 3) {
            throw new StackStartException("a Kafka cluster here has 1 or 3 brokers, not " + size);
        }
        List<KafkaBroker.Node> quorum = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            quorum.add(id == 1 ? new KafkaBroker.Node(1, port, controllerPort)
                    : new KafkaBroker.Node(id, Ports.free(), Ports.free()));
        }
        String clusterId = clusterId(dataDir);
        List<KafkaBroker> launched = new ArrayList<>();
        try {
            for (KafkaBroker.Node node : quorum) {
                launched.add(KafkaBroker.launch(home, dataDir, node, quorum, clusterId, partitions));
            }
            launched.forEach(KafkaBroker::awaitReady);
        } catch (RuntimeException | IOException | InterruptedException e) {
            launched.forEach(KafkaBroker::close);
            throw e;
        }
        List<RestartablePart<KafkaBroker>> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            KafkaBroker.Node node = quorum.get(i);
            nodes.add(new RestartablePart<>(node.name(quorum), launched.get(i),
                    () -> KafkaBroker.launch(home, dataDir, node, quorum, clusterId, partitions).awaitReady(),
                    broker -> broker.process().handle()));
        }
        return new KafkaCluster(nodes, String.join(",", quorum.stream().map(KafkaBroker.Node::bootstrap).toList()));
    }

    /** The cluster's id, made once and kept beside the data, so that a node formatted later joins the same cluster. */
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("kafka-cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.createDirectories(dataDir);
        Files.writeString(file, id);
        return id;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Copies of each partition: 3 on three brokers, else 1. */
    short replicationFactor() {
        return (short) Math.min(3, nodes.size());
    }

    /** Sends a signal to every node's process tree (see {@link RestartablePart#signal}). */
    public void signal(String signal) {
        nodes.forEach(node -> node.signal(signal));
    }

    List<RestartablePart<KafkaBroker>> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        for (RestartablePart<KafkaBroker> node : nodes.reversed()) {
            try {
                node.close();
            } catch (Exception e) {
                // a node that cannot be stopped politely was already stopped by force
            }
        }
    }
}
