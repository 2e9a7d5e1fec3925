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
import org.apache.kafka.common.Uuid;

/** Apache Kafka's own broker (KRaft, combined broker and controller) as a child JVM. */
final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ManagedProcess process;
    private final String bootstrap;

    private KafkaBroker(ManagedProcess process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    static KafkaBroker start(Path home, Path dataDir, int port, int controllerPort, int partitions)
            throws IOException, InterruptedException {
        String classpath = Files.readString(StackHome.require(
                home.resolve("stack-dist/target/kafka-broker.classpath"), "build the project first")).trim();
        Path dir = Files.createDirectories(dataDir.resolve("kafka"));
        Path config = writeConfig(dir, port, controllerPort, partitions);
        Path log4j = writeLogConfig(dir);

        // The JVM settings of Apache's kafka-server-start.sh: a fixed 1 GB heap and a 20 ms pause goal. With a heap
        // that starts at 256 MB, G1 kept the young generation small and marked continuously: a pause every ~4 s
        // at 5,000 records/s, each one holding every acknowledgement (and so every webhook answer) back.
        List<String> java = StackHome.javaCommand(dataDir, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpath);
        if (!Files.exists(dir.resolve("data/meta.properties"))) { // formatted once, with a new cluster id
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()));
            ManagedProcess.run("kafka-storage format", format, dataDir.resolve("logs/kafka-format.log"),
                    Duration.ofSeconds(60));
        }

        List<String> server = new ArrayList<>(java);
        server.addAll(List.of("kafka.Kafka", config.toString()));
        ManagedProcess process = ManagedProcess.start("kafka", server, Map.of(), dataDir.resolve("logs/kafka.log"));
        String bootstrap = Ports.LOOPBACK + ":" + port;
        process.closeOnFailure(() -> Await.ready("Kafka broker on " + bootstrap, process, READY_TIMEOUT,
                () -> hasBroker(bootstrap)));
        return new KafkaBroker(process, bootstrap);
    }

    String bootstrap() {
        return bootstrap;
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    private static boolean hasBroker(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        }
    }

    private static Path writeConfig(Path dir, int port, int controllerPort, int partitions) throws IOException {
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%4$s
                num.partitions=%5$d
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(Ports.LOOPBACK, port, controllerPort, dir.resolve("data"), partitions);
        return Files.writeString(dir.resolve("server.properties"), properties);
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
