package io.switchboard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher owns what it starts: nothing it started outlives it, however it ends. */
class LocalStackIntegrationTests {
    private final Path home = StackHome.locate();

    @TempDir
    Path dataDir;

    @TempDir
    Path launcherLogs;

    @Test
    void aStartThatFailsHalfWayStopsWhatHadStartedAndExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK));
             ManagedProcess launcher = launch("--registry-port", Integer.toString(taken.getLocalPort()))) {

            await().atMost(Duration.ofMinutes(3)).until(() -> !launcher.isAlive());

            // the whole log: the failing part's own log tail follows the reason and can push it out of logTail()
            assertThat(Files.readString(launcher.log()))
                    .contains("could not start: schema registry on", "exited during start-up", "kafka ready", "postgres ready");
            assertThat(processesOf(dataDir)).as("processes left behind").isEmpty();
        }
    }

    @Test
    void stoppingTheLauncherStopsEveryProcessItStarted() throws Exception {
        int kafkaPort = Ports.free();
        // closing stops the launcher and whatever it started, should an assertion fail half-way
        try (ManagedProcess launcher = launch("--kafka-port", Integer.toString(kafkaPort),
                "--registry-port", Integer.toString(Ports.free()))) {
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> !launcher.isAlive() || Files.readString(launcher.log()).contains("Press Ctrl-C"));
            assertThat(launcher.isAlive()).as(launcher.logTail()).isTrue();
            assertThat(processesOf(dataDir)).as("broker, registry and postgres").hasSizeGreaterThanOrEqualTo(3);
            assertThat(accepts(kafkaPort)).isTrue();

            assertThat(sigintIgnored(launcher.pid())).as("SIGINT reaches the launcher as Ctrl-C sends it").isFalse();
            new ProcessBuilder("kill", "-INT", Long.toString(launcher.pid())).start().waitFor();

            await().atMost(Duration.ofMinutes(1)).until(() -> !launcher.isAlive());
            assertThat(launcher.logTail()).contains("stopped");
            assertThat(processesOf(dataDir)).as("processes left behind").isEmpty();
            assertThat(accepts(kafkaPort)).isFalse();
        }
    }

    private ManagedProcess launch(String... ports) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--no-services", "--fresh",
                "--data-dir", dataDir.toString(), "--postgres-port", Integer.toString(Ports.free()),
                "--kafka-controller-port", Integer.toString(Ports.free())));
        if (!List.of(ports).contains("--kafka-port")) {
            args.addAll(List.of("--kafka-port", Integer.toString(Ports.free())));
        }
        args.addAll(List.of(ports));
        List<String> command = new java.util.ArrayList<>(List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\""));
        command.addAll(StackHome.launcherCommand(home, dataDir, args.toArray(String[]::new)));
        return ManagedProcess.start("launcher", command, Map.of(), launcherLogs.resolve("launcher.log"));
    }

    /**
     * Whether the process ignores SIGINT. One started from a background, non-interactive shell (as some CI runners
     * start builds) inherits SIGINT ignored, and a JVM cannot handle a signal ignored at its start: the launcher is
     * therefore started through perl, which restores SIGINT's default before it execs, so Ctrl-C is what is tested.
     */
    private static boolean sigintIgnored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (ignored & (1L << 1)) != 0; // bit n-1 stands for signal n; SIGINT = 2
            }
        }
        throw new IllegalStateException("no SigIgn line for process " + pid);
    }

    /** Every live process whose command line names the data folder, the launcher itself excluded. */
    private static List<ProcessHandle> processesOf(Path dataDir) {
        String marker = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> !p.info().commandLine().orElse("").contains(LocalStack.class.getName()))
                .toList();
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(Ports.LOOPBACK, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
