package io.switchboard.ingress.events;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
final class DiskSpool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiskSpool.class);

    /** A spooled event, with its position in the spool. */
    record Spooled(long seq, String topic, String key, long spooledAtMillis, SpecificRecord value) {
    }

    private final MVStore store;
    private final MVMap<Long, byte[]> events;
    private final SpoolRecords records;
    private final Quarantine quarantine;
    private long nextSeq;

    DiskSpool(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool folder " + dir, e);
        }
        this.store = new MVStore.Builder().fileName(dir.resolve("events.mv").toString()).autoCommitDisabled().open();
        this.events = store.openMap("events");
        this.records = new SpoolRecords(store.<Long, String>openMap("writer-schemas"));
        this.quarantine = new Quarantine(dir);
        Long last = events.lastKey();
        this.nextSeq = last == null ? 1 : last + 1;
    }

    /** Writes the event (and its writer schema, the first time) durably; throws if the disk cannot take it. */
    synchronized void append(String topic, String key, IndexedRecord value) {
        try {
            events.put(nextSeq++, records.encode(topic, key, System.currentTimeMillis(), value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.commit();
        store.sync();
    }

    /** The oldest readable events, in order; those that cannot be read are quarantined on the way. */
    synchronized List<Spooled> oldest(int limit) {
        List<Spooled> out = new ArrayList<>();
        Map<Long, String> unreadable = new LinkedHashMap<>();
        for (Map.Entry<Long, byte[]> e : events.entrySet()) {
            if (out.size() == limit) {
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
        delivered.forEach(s -> events.remove(s.seq()));
        store.commit();
    }

    int depth() {
        return events.size();
    }

    long quarantined() {
        return quarantine.count();
    }

    /** Milliseconds since the oldest waiting event was spooled; 0 when empty. */
    long oldestAgeMillis() {
        Long first = events.firstKey();
        if (first == null) {
            return 0;
        }
        try {
            return System.currentTimeMillis() - SpoolRecords.spooledAt(events.get(first));
        } catch (IOException | RuntimeException e) {
            return 0; // unreadable: the drain quarantines it
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
