package io.switchboard.stack.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.stack.RegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a record of any Switchboard topic into one JSON line, its value decoded from the Confluent wire format
 * (magic byte 0, 4-byte schema id, Avro binary) with the writer's schema fetched by id from the registry, as
 * {@code kcat -s value=avro -r <registry>} does. Generic decoding: a topic's older and newer schemas both read,
 * without the generated classes. A value that is not in the wire format is shown as base64 with the reason.
 */
final class TopicTail {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;
    private final Map<Integer, GenericDatumReader<Object>> readers = new HashMap<>();

    TopicTail(RegistryClient registry) {
        this.registry = registry;
    }

    String line(ConsumerRecord<String, byte[]> record) throws IOException, InterruptedException {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
                .put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString()).put("key", record.key());
        if (record.headers().iterator().hasNext()) {
            ObjectNode headers = line.putObject("headers");
            for (Header header : record.headers()) {
                headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        byte[] value = record.value();
        if (value == null) {
            line.putNull("value"); // a tombstone
        } else if (value.length < 5 || value[0] != 0) {
            line.put("value_base64", Base64.getEncoder().encodeToString(value))
                    .put("error", "not in the Confluent wire format (no magic byte 0 and schema id)");
        } else {
            int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
            line.put("schema_id", schemaId);
            Object decoded = reader(schemaId).read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            // GenericData renders records as JSON text; parsed back so that the line stays one valid JSON object
            line.set("value", JSON.readTree(GenericData.get().toString(decoded)));
        }
        return JSON.writeValueAsString(line);
    }

    private GenericDatumReader<Object> reader(int schemaId) throws IOException, InterruptedException {
        GenericDatumReader<Object> reader = readers.get(schemaId);
        if (reader == null) {
            reader = new GenericDatumReader<>(new Schema.Parser().parse(registry.schemaById(schemaId)));
            readers.put(schemaId, reader);
        }
        return reader;
    }
}
