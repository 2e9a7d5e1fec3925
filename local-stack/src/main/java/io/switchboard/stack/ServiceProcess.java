package io.switchboard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One of Switchboard's own services, run from its Spring Boot jar against the stack. */
public final class ServiceProcess {
    // generous: a restart under load on two loaded cores (the chaos run) has taken 73 s
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The services and their default ports (SPEC §2–§4). */
    public enum Service {
        ROUTING("routing-service", 8081),
        INGRESS("ingress-service", 8080),
        CALLLOG("calllog-service", 8082);

        public final String module;
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
        return start(home, dataDir, service, port, stack, Map.of());
    }

    /** {@code more}: further environment variables, which win over the stack's. */
    static ManagedProcess start(Path home, Path dataDir, Service service, int port, StackEndpoints stack,
                                Map<String, String> more) throws IOException {
        Path jar = freshJar(home, service);
        // a heap that never resizes: G1 keeps its young generation large instead of marking a small old one
        List<String> command = StackHome.javaCommand(dataDir, "-Xms512m", "-Xmx512m",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.switchboard.events", "-jar", jar.toString());
        Map<String, String> env = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("SWITCHBOARD_ADMIN_TOKEN", adminToken()),
                Map.entry("SWITCHBOARD_ROUTING_API_KEY", adminToken()),
                // a laptop's stack: the development keys below are accepted (the services warn at start)
                Map.entry("SWITCHBOARD_DEV_SECRETS", "true"),
                Map.entry("LIVEKIT_API_KEY", env("LIVEKIT_API_KEY", "devkey")),
                Map.entry("LIVEKIT_API_SECRET", env("LIVEKIT_API_SECRET", "secret")),
                Map.entry("SWITCHBOARD_INGRESS_SPOOL_DIR", dataDir.resolve("ingress-spool").toString()),
                // a laptop's ingress restarts often and serves one person: a short warm-up (a deployment's is 10,000)
                Map.entry("SWITCHBOARD_INGRESS_WARM_UP_ITERATIONS", env("SWITCHBOARD_INGRESS_WARM_UP_ITERATIONS", "2000")),
                Map.entry("SERVER_ADDRESS", Ports.LOOPBACK),
                Map.entry("SERVER_PORT", Integer.toString(port)),
                Map.entry("SPRING_KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers()),
                Map.entry("SWITCHBOARD_REGISTRY_URL", stack.registryUrl()),
                Map.entry("SWITCHBOARD_DB_JDBC_URL", stack.jdbcUrl()),
                Map.entry("SWITCHBOARD_DB_R2DBC_URL", stack.r2dbcUrl()),
                Map.entry("SWITCHBOARD_DB_USER", stack.dbUser()),
                Map.entry("SWITCHBOARD_DB_PASSWORD", stack.dbPassword())));
        env.putAll(more);
        return ManagedProcess.start(service.module, command, env, dataDir.resolve("logs/" + service.module + ".log"));
    }

    /**
     * The service's jar, refused when older than a file of its module's sources or classes: a jar left from an
     * earlier build (a test run with -pl, say) would run yesterday's code under today's name.
     */
    static Path freshJar(Path home, Service service) throws IOException {
        Path module = home.resolve(service.module);
        Path jar = StackHome.require(module.resolve("target/" + service.module + ".jar"),
                "build the project first (./switchboard run does)");
        FileTime built = Files.getLastModifiedTime(jar);
        for (Path tree : List.of(module.resolve("src/main"), module.resolve("target/classes"))) {
            if (!Files.isDirectory(tree)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(tree)) {
                Optional<Path> newer = files.filter(Files::isRegularFile)
                        .filter(f -> lastModified(f).compareTo(built) > 0).findFirst();
                if (newer.isPresent()) {
                    throw new StackStartException(jar + " is older than " + newer.get() + ": rebuild it (./mvnw -pl "
                            + service.module + " -am package -DskipTests)");
                }
            }
        }
        return jar;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routing admin token of a local run: SWITCHBOARD_ADMIN_TOKEN, else a fixed development token. */
    public static String adminToken() {
        return env("SWITCHBOARD_ADMIN_TOKEN", "dev-admin-token");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Starts the service and waits until it is ready; a service that does not become ready is stopped. */
    public static ManagedProcess startReady(Path home, Path dataDir, Service service, int port, StackEndpoints stack)
            throws IOException {
        return startReady(home, dataDir, service, port, stack, Map.of());
    }

    public static ManagedProcess startReady(Path home, Path dataDir, Service service, int port, StackEndpoints stack,
                                            Map<String, String> more) throws IOException {
        ManagedProcess process = start(home, dataDir, service, port, stack, more);
        process.closeOnFailure(() -> awaitReady(process, port));
        return process;
    }

    static void awaitReady(ManagedProcess process, int port) {
        URI readiness = URI.create("http://" + Ports.LOOPBACK + ":" + port + "/actuator/health/readiness");
        Await.ready(process.name() + " on port " + port, process, READY_TIMEOUT, () -> HTTP.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
