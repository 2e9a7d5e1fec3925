package io.switchboard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Apache Kafka node (KRaft, combined broker and controller) as a child JVM; {@link KafkaCluster} starts
 * one or three of them.
 */
final class KafkaBroker implements AutoCloseable {
    // generous: a restart under load on two loaded cores (the chaos run) has taken 36 s
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** A node's id and ports; a cluster's nodes all vote in its controller quorum. */
    record Node(int id, int port, int controllerPort) {
        String bootstrap() {
            return Ports.LOOPBACK + ":" + port;
        }

        /** Its process's, data folder's and log's name: a single node keeps the names of a one-broker stack. */
        String name(List<Node> quorum) {
            return quorum.size() == 1 ? "kafka" : "kafka-" + id;
        }
    }

    private final ManagedProcess process;
    private final Node node;

    private KafkaBroker(ManagedProcess process, Node node) {
        this.process = process;
        this.node = node;
    }

    /** Starts the node's process (formatting its storage the first time); {@link #awaitReady()} waits for it. */
    static KafkaBroker launch(Path home, Path dataDir, Node node, List<Node> quorum, String clusterId, int partitions)
            throws IOException, InterruptedException {
        String classpath = Files.readString(StackHome.require(
                home.resolve("stack-dist/target/kafka-broker.classpath"), "build the project first")).trim();
        String name = node.name(quorum);
        Path dir = Files.createDirectories(dataDir.resolve(name));
        Path config = Files.writeString(dir.resolve("server.properties"), config(dir, node, quorum, partitions));
        Path log4j = writeLogConfig(dir);

        // The JVM settings of Apache's kafka-server-start.sh: a fixed 1 GB heap and a 20 ms pause goal. With a heap
        // that starts at 256 MB, G1 kept the young generation small and marked continuously: a pause every ~4 s
        // at 5,000 records/s, each one holding every acknowledgement (and so every webhook answer) back.
        List<String> java = StackHome.javaCommand(dataDir, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpath);
        if (!Files.exists(dir.resolve("data/meta.properties"))) { // formatted once, with the cluster's id
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
            ManagedProcess.run("kafka-storage format", format, dataDir.resolve("logs/kafka-format.log"),
                    Duration.ofSeconds(60));
        }
        List<String> server = new ArrayList<>(java);
        server.addAll(List.of("kafka.Kafka", config.toString()));
        Path log = dataDir.resolve("logs/" + name + ".log");
        return new KafkaBroker(ManagedProcess.start(name, server, Map.of(), log), node);
    }

    /** Waits until this node serves as a broker; stops it if it does not. */
    KafkaBroker awaitReady() {
        process.closeOnFailure(() -> Await.ready("Kafka broker " + node.id() + " on " + node.bootstrap(), process,
                READY_TIMEOUT, () -> isBroker(node)));
        return this;
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    private static boolean isBroker(Node node) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == node.id());
        }
    }

    /**
     * With three or more nodes every topic, internal ones included, keeps three copies and a write needs two
     * (acks=all): one node may die without losing an acknowledged record or refusing a write.
     */
    private static String config(Path dir, Node node, List<Node> quorum, int partitions) {
        int replicas = Math.min(3, quorum.size());
        int minInSync = replicas == 3 ? 2 : 1;
        String voters = String.join(",", quorum.stream()
                .map(n -> n.id() + "@" + Ports.LOOPBACK + ":" + n.controllerPort()).toList());
        return """
                process.roles=broker,controller
                node.id=%2$d
                controller.quorum.voters=%5$s
                listeners=PLAINTEXT://%1$s:%3$d,CONTROLLER://%1$s:%4$d
                advertised.listeners=PLAINTEXT://%1$s:%3$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%6$s
                num.partitions=%7$d
                auto.create.topics.enable=false
                default.replication.factor=%8$d
                min.insync.replicas=%9$d
                offsets.topic.replication.factor=%8$d
                transaction.state.log.replication.factor=%8$d
                transaction.state.log.min.isr=%9$d
                share.coordinator.state.topic.replication.factor=%8$d
                share.coordinator.state.topic.min.isr=%9$d
                group.initial.rebalance.delay.ms=0
                """.formatted(Ports.LOOPBACK, node.id(), node.port(), node.controllerPort(), voters, dir.resolve("data"),
                partitions, replicas, minInSync);
    }

    private static Path writeLogConfig(Path dir) throws IOException {
        String config = """
                rootLogger.level=INFO
                rootLogger.appenderRef.out.ref=OUT
                appender.out.type=Console
                appender.out.name=OUT
                appender.out.layout.type=PatternLayout
                appender.out.layout.pattern=[%d] %p %m (%c)%n
                logger.state.name=state.change.logger
                logger.state.level=WARN
                """;
        return Files.writeString(dir.resolve("log4j2.properties"), config);
    }
}
