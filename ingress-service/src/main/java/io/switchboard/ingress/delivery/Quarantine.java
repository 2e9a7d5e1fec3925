package io.switchboard.ingress.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Spooled events that cannot be read, kept as plain files beside the spool ({@code quarantine/<seq>.event} and
 * its {@code .reason}), where an operator can list and inspect them while the ingress runs
 * ({@code ./switchboard spool-quarantine}), instead of blocking the events behind them.
 */
final class Quarantine {
    private final Path dir;

    Quarantine(Path spoolDir) {
        this.dir = spoolDir.resolve("quarantine");
    }

    /** Keeps the record and why it was set aside, fsync'd, before the spool forgets it. */
    void keep(long seq, byte[] data, String reason) {
        try {
            Files.createDirectories(dir);
            write(dir.resolve(seq + ".event"), data);
            write(dir.resolve(seq + ".reason"), reason.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine spool record " + seq, e);
        }
    }

    long count() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".event")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void write(Path file, byte[] data) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(data));
            channel.force(true);
        }
    }
}
