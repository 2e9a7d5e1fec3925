package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.stack.testing.SharedStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A starting ingress stays out of rotation until its answer path is warmed up: readiness is DOWN, whatever else is
 * ready, until the warm-up's last round, and the first UP comes after the warm-up has said it is done.
 */
class WarmUpIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ROUNDS = 60_000; // long enough (seconds) to be seen DOWN

    @TempDir
    Path spool;

    @Test
    void readinessStaysDownUntilTheWarmUpIsDone() throws Exception {
        try (IngressProcess ingress = IngressProcess.start(SharedStack.endpoints().kafkaBootstrapServers(), spool,
                "warm-up", "--switchboard.ingress.warm-up.iterations=" + ROUNDS)) {
            Path log = Path.of("target", "ingress-processes", "ingress-warm-up.log");
            List<String> seenBeforeReady = new ArrayList<>();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(ingress.process().isAlive()).as("the ingress exited").isTrue();
                int status = readiness(ingress.port());
                if (status == 200) { // the warm-up reports before it lets readiness turn UP
                    assertThat(Files.readString(log)).as("the warm-up's report, once readiness is UP")
                            .contains("answer path warmed up: " + ROUNDS + " rounds");
                    return true;
                }
                seenBeforeReady.add(String.valueOf(status));
                return false;
            });

            assertThat(seenBeforeReady).as("readiness answers before UP").contains("503");
        }
    }

    private static int readiness(int port) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        }
    }
}
