package io.switchboard.stack.testing;

import io.switchboard.stack.Await;
import io.switchboard.stack.ManagedProcess;
import io.switchboard.stack.StackEndpoints;
import io.switchboard.stack.StackHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The one stack that every test JVM of a Maven run shares: the first test that asks starts it (as a
 * separate process owned by the Maven JVM), later ones — in any module — find it through a state file
 * under {@code target/test-stack}. It stops when Maven exits.
 */
public final class SharedStack {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static StackEndpoints endpoints;

    private SharedStack() {
    }

    public static synchronized StackEndpoints endpoints() {
        if (endpoints == null) {
            try {
                endpoints = findOrStart();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return endpoints;
    }

    private static StackEndpoints findOrStart() throws IOException {
        Path home = StackHome.locate();
        Path dir = Files.createDirectories(home.resolve("target/test-stack"));
        long owner = ownerPid();
        try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            Path state = dir.resolve("stack.properties");
            Optional<StackEndpoints> running = running(state, owner);
            if (running.isPresent()) {
                return running.get();
            }
            Files.deleteIfExists(state);
            return launch(home, dir, state, owner);
        }
    }

    private static Optional<StackEndpoints> running(Path state, long owner) throws IOException {
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties p = StackEndpoints.read(state);
        boolean sameRun = Long.parseLong(p.getProperty("owner.pid", "-1")) == owner;
        boolean alive = ProcessHandle.of(Long.parseLong(p.getProperty("launcher.pid", "-1")))
                .map(ProcessHandle::isAlive).orElse(false);
        return sameRun && alive ? Optional.of(StackEndpoints.from(p)) : Optional.empty();
    }

    private static StackEndpoints launch(Path home, Path dir, Path state, long owner) throws IOException {
        Path data = dir.resolve("data-" + owner);
        List<String> command = StackHome.launcherCommand(home, data, TestStackCommand.class, "--state-file", state.toString(),
                "--data-dir", data.toString(), "--owner-pid", Long.toString(owner));
        ManagedProcess launcher = ManagedProcess.start("test-stack", command, java.util.Map.of(),
                dir.resolve("launcher-" + owner + ".log"));
        Await.ready("the shared test stack (log: " + launcher.log() + ")", launcher, START_TIMEOUT,
                () -> Files.exists(state));
        return StackEndpoints.from(StackEndpoints.read(state));
    }

    /**
     * The process whose end ends the stack: the Maven JVM running this test JVM (found among the
     * ancestors by Maven's launcher class), else the direct parent, else this JVM.
     */
    static long ownerPid() {
        String configured = System.getProperty("switchboard.test-stack.owner-pid");
        if (configured != null) {
            return Long.parseLong(configured);
        }
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        while (ancestor.isPresent()) {
            ProcessHandle p = ancestor.get();
            String[] args = p.info().arguments().orElse(new String[0]);
            if (List.of(args).contains("org.codehaus.plexus.classworlds.launcher.Launcher")) {
                return p.pid();
            }
            ancestor = p.parent();
        }
        return ProcessHandle.current().parent().orElse(ProcessHandle.current()).pid();
    }
}
