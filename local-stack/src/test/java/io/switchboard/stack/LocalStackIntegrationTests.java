package io.switchboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.stack.testing.Launcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher owns what it starts: nothing it started outlives it, however it ends. */
class LocalStackIntegrationTests {
    @TempDir
    Path dataDir;

    @TempDir
    Path launcherLogs;

    @Test
    void aStartThatFailsHalfWayStopsWhatHadStartedAndExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK));
             Launcher launcher = launch("--registry-port", Integer.toString(taken.getLocalPort()))) {

            await().atMost(Duration.ofMinutes(3)).until(() -> !launcher.isAlive());

            // the whole output: the failing part's own log tail follows the reason and can push it out of the tail
            assertThat(launcher.output())
                    .contains("could not start: schema registry on", "exited during start-up", "kafka ready", "postgres ready");
            assertThat(launcher.processes()).as("processes left behind").isEmpty();
        }
    }

    /** Kafka, the registry and PostgreSQL; the launcher with the three services is tested in loadgen, built after them. */
    @Test
    void stoppingTheLauncherStopsEveryProcessItStarted() throws Exception {
        // closing stops the launcher and whatever it started, should an assertion fail half-way
        try (Launcher launcher = launch()) {
            int kafkaPort = launcher.port("--kafka-port");
            await().atMost(Duration.ofMinutes(3)).until(launcher::startedOrExited);
            assertThat(launcher.isAlive()).as(launcher.outputTail()).isTrue();
            assertThat(launcher.processes()).as("broker, registry and postgres").hasSizeGreaterThanOrEqualTo(3);
            assertThat(accepts(kafkaPort)).isTrue();

            assertThat(launcher.ignoresSigint()).as("SIGINT reaches the launcher as Ctrl-C sends it").isFalse();
            launcher.interrupt();

            await().atMost(Duration.ofMinutes(1)).until(() -> !launcher.isAlive());
            assertThat(launcher.outputTail()).contains("stopped");
            assertThat(launcher.processes()).as("processes left behind").isEmpty();
            assertThat(accepts(kafkaPort)).isFalse();
        }
    }

    private Launcher launch(String... options) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--no-services"));
        args.addAll(List.of(options));
        return Launcher.start(dataDir, launcherLogs.resolve("launcher.log"), args.toArray(String[]::new));
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(Ports.LOOPBACK, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
