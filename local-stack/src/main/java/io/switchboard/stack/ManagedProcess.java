package io.switchboard.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process the stack started and therefore owns: its output goes to a log file, and
 * {@link #close()} ends it and every process it spawned (politely, then by force).
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        ManagedProcess started = new ManagedProcess(name, builder.start(), log);
        LIVE.add(started);
        return started;
    }

    /** Runs a command to completion, failing with its output when it does not exit 0. */
    static void run(String name, List<String> command, Path log, Duration timeout)
            throws IOException, InterruptedException {
        try (ManagedProcess p = start(name, command, Map.of(), log)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StackStartException(name + " did not finish within " + timeout + "\n" + p.logTail());
            }
            if (p.process.exitValue() != 0) {
                throw new StackStartException(name + " exited " + p.process.exitValue() + "\n" + p.logTail());
            }
        }
    }

    String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs a wait for this process (typically until it is ready); if the wait fails, stops the process. */
    void closeOnFailure(Runnable wait) {
        try {
            wait.run();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * SIGKILL to a process and all its descendants, as a crash would end them (no shutdown hook, no flush); then
     * waits (up to 10 s) for each to be gone, so that a restart finds its ports and locks free.
     */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new java.util.ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new StackStartException("process " + p.pid() + " did not die on SIGKILL: " + e);
            }
        }
    }

    /**
     * Sends a signal ({@code STOP}, {@code CONT}, …) to a process and all its descendants: {@code STOP} freezes them as a
     * hung host would, connections open and nothing answered, until {@code CONT}.
     */
    static void signalTree(ProcessHandle root, String signal) {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + signal));
        command.add(Long.toString(root.pid()));
        root.descendants().forEach(p -> command.add(Long.toString(p.pid())));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new StackStartException(String.join(" ", command) + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new StackStartException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while sending SIG" + signal);
        }
    }

    /** Stops every process started here that is still running. */
    static void closeAll() {
        List.copyOf(LIVE).forEach(ManagedProcess::close);
    }

    @Override
    public void close() {
        LIVE.remove(this);
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
