package io.switchboard.ingress.events;

import io.switchboard.events.Topic;
import io.switchboard.events.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Events waiting for Kafka, on local disk, in arrival order. {@link #append} returns only after the
 * record is committed and fsync'd, so an answer given after it survives a crash of this process.
 * Records are stored as topic, key, time and the event's Avro binary (the writer schema is the
 * compiled one; the registry framing is added when the record is finally sent).
 */
final class DiskSpool implements AutoCloseable {
    /** A spooled event, with its position in the spool. */
    record Spooled(long seq, String topic, String key, long spooledAtMillis, SpecificRecord value) {
    }

    private final MVStore store;
    private final MVMap<Long, byte[]> events;
    private long nextSeq;

    DiskSpool(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create spool folder " + dir, e);
        }
        this.store = new MVStore.Builder().fileName(dir.resolve("events.mv").toString()).autoCommitDisabled().open();
        this.events = store.openMap("events");
        Long last = events.lastKey();
        this.nextSeq = last == null ? 1 : last + 1;
    }

    /** Writes the event durably; throws if the disk cannot take it. */
    synchronized void append(String topic, String key, SpecificRecord value) {
        events.put(nextSeq++, encode(topic, key, System.currentTimeMillis(), value));
        store.commit();
        store.sync();
    }

    /** The oldest events, in order. */
    List<Spooled> oldest(int limit) {
        List<Spooled> out = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : events.entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(decode(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Forgets events that Kafka has acknowledged. */
    synchronized void remove(List<Spooled> delivered) {
        delivered.forEach(s -> events.remove(s.seq()));
        store.commit();
    }

    int depth() {
        return events.size();
    }

    /** Milliseconds since the oldest waiting event was spooled; 0 when empty. */
    long oldestAgeMillis() {
        Long first = events.firstKey();
        return first == null ? 0 : System.currentTimeMillis() - spooledAt(events.get(first));
    }

    /** Only the header of a stored event: the metric need not decode the event itself. */
    private static long spooledAt(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            in.readUTF();
            in.readUTF();
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    private static byte[] encode(String topic, String key, long at, SpecificRecord value) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(512); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(topic);
            out.writeUTF(key);
            out.writeLong(at);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
            encoder.flush();
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Spooled decode(long seq, byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            String topic = in.readUTF();
            String key = in.readUTF();
            long at = in.readLong();
            Topic<?> t = Topics.byName(topic).orElseThrow(() -> new IOException("unknown topic " + topic));
            BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
            SpecificRecord value = new SpecificDatumReader<SpecificRecord>(t.valueSchema()).read(null, decoder);
            return new Spooled(seq, topic, key, at, value);
        } catch (IOException e) {
            throw new UncheckedIOException("spool record " + seq + " is unreadable", e);
        }
    }
}
