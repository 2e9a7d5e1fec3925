package io.switchboard.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One of Switchboard's own services, run from its Spring Boot jar against the stack. */
final class ServiceProcess {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The services and their default ports (SPEC §2–§4). */
    enum Service {
        ROUTING("routing-service", 8081), INGRESS("ingress-service", 8080), CALLLOG("calllog-service", 8082);

        final String module;
        final int defaultPort;

        Service(String module, int defaultPort) {
            this.module = module;
            this.defaultPort = defaultPort;
        }
    }

    private ServiceProcess() {
    }

    static ManagedProcess start(Path home, Path dataDir, Service service, int port, StackEndpoints stack)
            throws IOException {
        Path jar = StackHome.require(home.resolve(service.module + "/target/" + service.module + ".jar"),
                "build the project first (./switchboard run does)");
        List<String> command = StackHome.javaCommand(dataDir, "-Xms128m", "-Xmx512m",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.switchboard.events", "-jar", jar.toString());
        Map<String, String> env = Map.of(
                "SERVER_ADDRESS", Ports.LOOPBACK,
                "SERVER_PORT", Integer.toString(port),
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
                "SWITCHBOARD_REGISTRY_URL", stack.registryUrl(),
                "SWITCHBOARD_DB_JDBC_URL", stack.jdbcUrl(),
                "SWITCHBOARD_DB_R2DBC_URL", stack.r2dbcUrl(),
                "SWITCHBOARD_DB_USER", stack.dbUser(),
                "SWITCHBOARD_DB_PASSWORD", stack.dbPassword());
        return ManagedProcess.start(service.module, command, env, dataDir.resolve("logs/" + service.module + ".log"));
    }

    static void awaitReady(ManagedProcess process, int port) {
        URI readiness = URI.create("http://" + Ports.LOOPBACK + ":" + port + "/actuator/health/readiness");
        Await.ready(process.name() + " on port " + port, process, READY_TIMEOUT, () -> HTTP.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
