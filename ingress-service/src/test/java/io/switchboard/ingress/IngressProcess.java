package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.stack.testing.SharedStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Another ingress, as its own JVM on the test classpath, for tests that kill it or need a second instance. */
record IngressProcess(Process process, int port, String name) implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Logs go to {@code target/ingress-processes/ingress-<name>.log}, kept for reading when a test fails. */
    static IngressProcess start(String bootstrapServers, Path spool, String name, String... extraArgs) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.switchboard.events", "-cp", classpath,
                IngressApplication.class.getName(), "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--switchboard.registry.url=" + SharedStack.endpoints().registryUrl(),
                "--switchboard.ingress.spool-dir=" + spool, "--switchboard.access.dev-secrets=true"));
        command.addAll(List.of(extraArgs));
        Path logs = Files.createDirectories(Path.of("target", "ingress-processes"));
        return new IngressProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("ingress-" + name + ".log").toFile()).start(), port, name);
    }

    /** Waits until it reports ready. */
    IngressProcess awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the " + name + " ingress exited").isTrue();
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
