package io.switchboard.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.stack.testing.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running launcher takes orders for one part at a time on its control socket, and still owns every process. */
class LauncherControlIntegrationTests {
    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void onePartStopsStartsAndRestartsWhileTheRestRuns() throws Exception {
        try (Launcher launcher = Launcher.start(dataDir, logs.resolve("launcher.log"), "--no-services")) {
            await().atMost(Duration.ofMinutes(3)).until(launcher::startedOrExited);
            assertThat(launcher.isAlive()).as(launcher.outputTail()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dataDir.resolve("launcher.sock")));

            assertThat(ask("status")).contains("postgres           running", "schema-registry    running", "ok");
            assertThat(ask("stop schema-registry")).containsExactly("schema-registry stopped", "ok");
            assertThat(ask("status")).contains("schema-registry    stopped", "kafka              running");
            assertThat(ask("start schema-registry")).containsExactly("schema-registry running", "ok");
            assertThat(ask("restart postgres")).containsExactly("postgres running", "ok");
            assertThat(ask("stop nothing-such")).last().asString().startsWith("error: no part nothing-such");

            launcher.interrupt();
            await().atMost(Duration.ofMinutes(1)).until(() -> !launcher.isAlive());
            assertThat(launcher.processes()).as("processes left behind, the restarted ones included").isEmpty();
            assertThat(dataDir.resolve("launcher.sock")).as("the socket, removed on exit").doesNotExist();
        }
    }

    private List<String> ask(String request) throws Exception {
        List<String> lines = new ArrayList<>();
        ServiceCommands.ask(dataDir, request, lines::add);
        return lines;
    }
}
