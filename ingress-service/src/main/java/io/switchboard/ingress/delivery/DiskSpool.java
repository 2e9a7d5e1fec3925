package io.switchboard.ingress.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events waiting for Kafka, on local disk, in arrival order. {@link #append} returns only after the
 * record is committed and fsync'd, so an answer given after it survives a crash of this process. Each
 * record carries the fingerprint of its writer schema, kept in the same store (see {@link SpoolRecords});
 * one that still cannot be read is moved to the {@link Quarantine} and counted, never left in the way.
 * A full disk refuses the append with an exception (the webhook gets a 503 and is retried), before the
 * disk's free space falls under {@code minFreeBytes}; a write that fails anyway closes the store, which is
 * then reopened from its file, where every record committed before the failure still is.
 */
final class DiskSpool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiskSpool.class);

    /** A spooled event, with its position in the spool. */
    record Spooled(long seq, String topic, String key, long spooledAtMillis, SpecificRecord value) {
    }

    /** The disk cannot take the event: nothing of it was written. */
    static final class SpoolFullException extends RuntimeException {
        SpoolFullException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path dir;
    private final FileStore disk;
    private final long minFreeBytes;
    private final Quarantine quarantine;
    /** Spooled events whose first send to Kafka has not ended yet (see {@link #append(String, String, IndexedRecord, boolean)}). */
    private final java.util.Set<Long> held = new java.util.HashSet<>();
    private volatile MVStore store;
    private volatile MVMap<Long, byte[]> events;
    private SpoolRecords records;
    private long nextSeq;

    DiskSpool(Path dir, long minFreeBytes) {
        try {
            Files.createDirectories(dir);
            this.disk = Files.getFileStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool folder " + dir, e);
        }
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        this.quarantine = new Quarantine(dir);
        open();
    }

    private void open() {
        this.store = new MVStore.Builder().fileName(dir.resolve("events.mv").toString()).autoCommitDisabled().open();
        this.events = store.openMap("events");
        this.records = new SpoolRecords(store.<Long, String>openMap("writer-schemas"));
        Long last = events.lastKey();
        this.nextSeq = last == null ? 1 : last + 1;
    }

    /** Writes the event (and its writer schema, the first time) durably; throws if the disk cannot take it. */
    void append(String topic, String key, IndexedRecord value) {
        append(topic, key, value, false);
    }

    /**
     * Writes the event durably and returns its position. {@code held}: an earlier send of the same event may still
     * be acknowledged, so the drain must not send it (nor anything behind it) until {@link #release} says how that
     * send ended.
     */
    synchronized long append(String topic, String key, IndexedRecord value, boolean held) {
        long free = freeBytes();
        if (free < minFreeBytes) {
            throw new SpoolFullException("the spool's disk has " + free / 1024 + " KiB free, less than the "
                    + minFreeBytes / 1024 + " KiB it keeps free", null);
        }
        reopenIfClosed();
        try {
            events.put(nextSeq, records.encode(topic, key, System.currentTimeMillis(), value));
            store.commit();
            store.sync();
            if (held) {
                this.held.add(nextSeq);
            }
            return nextSeq++;
        } catch (IOException | RuntimeException e) {
            if (!store.isClosed()) {
                store.rollback(); // the record is not kept in memory to be committed with a later one
            }
            throw new SpoolFullException("the spool could not write the event: " + e.getMessage(), e);
        }
    }

    /** Usable bytes left on the spool's disk (0 if that cannot be told). */
    long freeBytes() {
        try {
            return disk.getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }

    long minFreeBytes() {
        return minFreeBytes;
    }

    /** A failed write closes the store; what it had committed is in the file, so it is opened again from there. */
    private void reopenIfClosed() {
        if (store.isClosed()) {
            open();
            log.warn("the spool was reopened after a failed write; {} events wait in it", events.size());
        }
    }

    /** The earlier send of a held event has ended: delivered, the spooled copy goes; else the drain may send it. */
    synchronized void release(long seq, boolean delivered) {
        if (delivered) {
            reopenIfClosed();
            events.remove(seq);
            store.commit();
        }
        held.remove(seq);
    }

    /**
     * The oldest readable events, in order, up to the first held one; those that cannot be read are quarantined on
     * the way.
     */
    synchronized List<Spooled> oldest(int limit) {
        reopenIfClosed();
        List<Spooled> out = new ArrayList<>();
        Map<Long, String> unreadable = new LinkedHashMap<>();
        for (Map.Entry<Long, byte[]> e : events.entrySet()) {
            if (out.size() == limit || held.contains(e.getKey())) {
                break;
            }
            try {
                SpoolRecords.Decoded d = records.decode(e.getValue());
                out.add(new Spooled(e.getKey(), d.topic(), d.key(), d.spooledAtMillis(), d.value()));
            } catch (IOException | RuntimeException failure) {
                unreadable.put(e.getKey(), failure.toString());
            }
        }
        unreadable.forEach(this::quarantine);
        return out;
    }

    private void quarantine(long seq, String reason) {
        byte[] data = events.get(seq);
        quarantine.keep(seq, data, SpoolRecords.describe(data) + "\n" + reason + "\n");
        events.remove(seq);
        store.commit();
        log.error("spool record {} cannot be read and was quarantined ({} in quarantine): {}", seq, quarantine.count(),
                reason);
    }

    /** Forgets events that Kafka has acknowledged. */
    synchronized void remove(List<Spooled> delivered) {
        reopenIfClosed();
        delivered.forEach(s -> events.remove(s.seq()));
        store.commit();
    }

    /** Events waiting; read without the lock, on every answer's path (a closed store counts as not empty). */
    int depth() {
        try {
            return events.size();
        } catch (RuntimeException closed) {
            return 1;
        }
    }

    long quarantined() {
        return quarantine.count();
    }

    /** Milliseconds since the oldest waiting event was spooled; 0 when empty. */
    long oldestAgeMillis() {
        try {
            Long first = events.firstKey();
            return first == null ? 0 : System.currentTimeMillis() - SpoolRecords.spooledAt(events.get(first));
        } catch (IOException | RuntimeException e) {
            return 0; // unreadable: the drain quarantines it
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
