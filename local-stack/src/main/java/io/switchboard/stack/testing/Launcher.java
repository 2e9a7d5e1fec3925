package io.switchboard.stack.testing;

import io.switchboard.stack.ManagedProcess;
import io.switchboard.stack.Ports;
import io.switchboard.stack.StackHome;
import io.switchboard.stack.cli.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./switchboard run} in a process of its own, started as a terminal starts it, for tests of the launcher:
 * {@code run --fresh} on a data folder of the test's own, every port not given a free one.
 */
public final class Launcher implements AutoCloseable {
    private static final List<String> PORTS = List.of("--kafka-port", "--kafka-controller-port", "--registry-port",
            "--postgres-port", "--ingress-port", "--routing-port", "--calllog-port");

    private final ManagedProcess process;
    private final Path dataDir;
    private final Map<String, Integer> ports;

    private Launcher(ManagedProcess process, Path dataDir, Map<String, Integer> ports) {
        this.process = process;
        this.dataDir = dataDir;
        this.ports = ports;
    }

    /**
     * Starts the launcher with {@code options} (for example {@code --no-services}, or a port). It is started through
     * perl, which restores SIGINT's default before it execs: a process started from a background, non-interactive
     * shell (as some CI runners start builds) inherits SIGINT ignored, and a JVM cannot handle a signal ignored at
     * its start, so Ctrl-C would silently not be what a test sends.
     */
    public static Launcher start(Path dataDir, Path log, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--fresh", "--data-dir", dataDir.toString()));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i++) {
            if (PORTS.contains(options[i])) {
                ports.put(options[i], Integer.parseInt(options[i + 1]));
            }
        }
        for (String port : PORTS) {
            if (!ports.containsKey(port)) {
                ports.put(port, Ports.free());
                args.addAll(List.of(port, Integer.toString(ports.get(port))));
            }
        }
        args.addAll(List.of(options));
        List<String> command = new ArrayList<>(List.of("perl", "-e",
                "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\""));
        command.addAll(StackHome.launcherCommand(StackHome.locate(), dataDir, LocalStack.class, args.toArray(String[]::new)));
        return new Launcher(ManagedProcess.start("launcher", command, Map.of(), log), dataDir, ports);
    }

    /** The port the launcher was given for an option such as {@code --ingress-port}. */
    public int port(String option) {
        return ports.get(option);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether it has said that everything is running (or has exited: read {@link #output()}). */
    public boolean startedOrExited() throws IOException {
        return !isAlive() || output().contains("Press Ctrl-C");
    }

    /** Everything the launcher printed so far. */
    public String output() throws IOException {
        return Files.readString(process.log());
    }

    public String outputTail() {
        return process.logTail();
    }

    /** Ctrl-C, as a terminal sends it. */
    public void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    /** Whether the launcher ignores SIGINT, so that {@link #interrupt()} would do nothing. */
    public boolean ignoresSigint() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (ignored & (1L << 1)) != 0; // bit n-1 stands for signal n; SIGINT = 2
            }
        }
        throw new IllegalStateException("no SigIgn line for process " + process.pid());
    }

    /** Every live process that carries this launcher's data folder in its command line, the launcher excluded. */
    public List<ProcessHandle> processes() {
        String marker = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .filter(p -> !p.info().commandLine().orElse("").contains(LocalStack.class.getName()))
                .toList();
    }

    /** Stops the launcher and whatever it started, should a test end half-way. */
    @Override
    public void close() {
        process.close();
    }
}
