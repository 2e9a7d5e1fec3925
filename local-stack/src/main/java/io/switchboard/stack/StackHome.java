package io.switchboard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Finds the Switchboard checkout, whose build outputs (broker, registry, service jars) the stack runs. */
public final class StackHome {
    private StackHome() {
    }

    public static Path locate() {
        String configured = System.getProperty("switchboard.home", System.getenv("SWITCHBOARD_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("stack-dist")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the Switchboard checkout: run from inside it or set SWITCHBOARD_HOME");
    }

    /** Deletes a folder and everything in it; what cannot be deleted is left (and named by a later failure). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }

    static Path require(Path file, String hint) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: " + hint);
        }
        return file;
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * A JVM command for a part of the stack. It carries the stack's data folder as a marker, so that
     * {@code ps -ef | grep <data folder>} lists every process a stack started.
     */
    static List<String> javaCommand(Path dataDir, String... jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.add("-D" + MARKER + "=" + dataDir.toAbsolutePath());
        command.addAll(List.of(jvmArgs));
        return command;
    }

    static final String MARKER = "switchboard.stack.data";

    /** A command that runs a main class of this module (the launcher, the test stack) from the build tree, in its own JVM. */
    public static List<String> launcherCommand(Path home, Path dataDir, Class<?> main, String... args)
            throws java.io.IOException {
        String classpath = home.resolve("local-stack/target/classes") + java.io.File.pathSeparator
                + Files.readString(require(home.resolve("local-stack/target/launcher.classpath"),
                "build local-stack first")).trim();
        List<String> command = javaCommand(dataDir, "-Xmx256m", "-Dswitchboard.home=" + home, "-cp", classpath,
                main.getName());
        command.addAll(List.of(args));
        return command;
    }
}
