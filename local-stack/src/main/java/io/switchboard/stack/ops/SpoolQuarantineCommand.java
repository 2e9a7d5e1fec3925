package io.switchboard.stack.ops;

import io.switchboard.stack.StackHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the ingress's quarantined spool records: events it answered but could not read back to send. */
@Command(name = "spool-quarantine", mixinStandardHelpOptions = true,
        description = "List the spool records an ingress set aside because it could not read them (safe while it runs).")
public final class SpoolQuarantineCommand implements Callable<Integer> {
    @Option(names = "--spool-dir", description = "The ingress's SWITCHBOARD_INGRESS_SPOOL_DIR (default: the local stack's).")
    Path spoolDir;

    @Override
    public Integer call() throws IOException {
        Path dir = (spoolDir == null ? StackHome.locate().resolve(".data/ingress-spool") : spoolDir).resolve("quarantine");
        List<Path> reasons;
        if (!Files.isDirectory(dir)) {
            reasons = List.of();
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                reasons = files.filter(p -> p.toString().endsWith(".reason")).sorted().toList();
            }
        }
        say(reasons.size() + " quarantined record(s) in " + dir);
        for (Path reason : reasons) {
            String seq = reason.getFileName().toString().replace(".reason", "");
            Path event = dir.resolve(seq + ".event");
            say("#" + seq + " (" + (Files.exists(event) ? Files.size(event) : 0) + " bytes in " + event + ")");
            Files.readAllLines(reason).forEach(line -> say("    " + line));
        }
        return 0;
    }

    private static void say(String line) {
        System.out.println("[stack] " + line);
    }
}
