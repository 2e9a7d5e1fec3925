package io.switchboard.ingress.delivery;

import io.switchboard.events.Topic;
import io.switchboard.events.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * How a spooled event is stored: a format byte, topic, key, spool time, the fingerprint of the schema it
 * was written with, and its Avro binary. The writer schemas are kept beside the events (by fingerprint), so
 * an ingress of a later version reads what an earlier one spooled through Avro's schema resolution, as a
 * consumer reads the topic. Records of the first format (no format byte, written with the schema then
 * compiled in) are read with the current schema, as they were before.
 */
final class SpoolRecords {
    private static final byte FORMAT_WRITER_SCHEMA = 1;

    /** A stored event as read back. */
    record Decoded(String topic, String key, long spooledAtMillis, SpecificRecord value) {
    }

    private final Map<Long, String> writerSchemas;
    private final Map<Schema, Long> fingerprints = new ConcurrentHashMap<>();
    private final Map<String, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();

    /** @param writerSchemas the spool's own map of schema fingerprint to schema JSON (written with the events) */
    SpoolRecords(Map<Long, String> writerSchemas) {
        this.writerSchemas = writerSchemas;
    }

    byte[] encode(String topic, String key, long at, IndexedRecord value) throws IOException {
        Schema schema = value.getSchema();
        long fingerprint = fingerprints.computeIfAbsent(schema, SchemaNormalization::parsingFingerprint64);
        writerSchemas.putIfAbsent(fingerprint, schema.toString());
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(512); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_WRITER_SCHEMA);
            out.writeUTF(topic);
            out.writeUTF(key);
            out.writeLong(at);
            out.writeLong(fingerprint);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<IndexedRecord>(schema).write(value, encoder);
            encoder.flush();
            out.flush();
            return bytes.toByteArray();
        }
    }

    /** Reads a stored event; throws (IOException or Avro's runtime exceptions) when it cannot be read. */
    Decoded decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Header h = header(in, data);
            Topic<?> t = Topics.byName(h.topic()).orElseThrow(() -> new IOException("unknown topic " + h.topic()));
            SpecificDatumReader<SpecificRecord> reader = h.withSchema() ? reader(in.readLong(), t)
                    : new SpecificDatumReader<>(t.valueSchema());
            SpecificRecord value = reader.read(null, DecoderFactory.get().directBinaryDecoder(in, null));
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left after the event");
            }
            return new Decoded(h.topic(), h.key(), h.spooledAtMillis(), value);
        }
    }

    /** What the header says, for an operator (best effort: the header itself may be what is broken). */
    static String describe(byte[] data) {
        try {
            Header h = header(data);
            return "topic=" + h.topic() + " key=" + h.key() + " spooled_at=" + java.time.Instant.ofEpochMilli(h.spooledAtMillis());
        } catch (IOException | RuntimeException e) {
            return "header unreadable (" + e + ")";
        }
    }

    /** Only the header: the spool time, without decoding the event. */
    static long spooledAt(byte[] data) throws IOException {
        return header(data).spooledAtMillis();
    }

    /** The part every format shares: after it, a writer-schema fingerprint (when {@code withSchema}), then the event. */
    private record Header(boolean withSchema, String topic, String key, long spooledAtMillis) {
    }

    private static Header header(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            return header(in, data);
        }
    }

    private static Header header(DataInputStream in, byte[] data) throws IOException {
        boolean withSchema = data.length > 0 && data[0] == FORMAT_WRITER_SCHEMA;
        if (withSchema) {
            in.readByte();
        }
        return new Header(withSchema, in.readUTF(), in.readUTF(), in.readLong());
    }

    private SpecificDatumReader<SpecificRecord> reader(long fingerprint, Topic<?> topic) throws IOException {
        String writer = writerSchemas.get(fingerprint);
        if (writer == null) {
            throw new IOException("the schema it was written with (fingerprint " + fingerprint + ") is not in the spool");
        }
        return readers.computeIfAbsent(fingerprint + "/" + topic.name(),
                k -> new SpecificDatumReader<>(new Schema.Parser().parse(writer), topic.valueSchema()));
    }
}
