package io.switchboard.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The topics as an AsyncAPI 3 document, generated from the catalogue ({@link Topics}) and the value schemas, for
 * analytics consumers: one channel per topic with its Kafka binding (key, cleanup policy, Confluent wire format) and
 * its value's Avro schema. Committed as {@code docs/asyncapi.json} (a test fails when the two differ) and served by
 * calllog-service at {@code /api/v1/asyncapi.json}.
 */
public final class AsyncApi {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String KAFKA_BINDING = "0.5.0";
    private static final String AVRO = "application/vnd.apache.avro+json;version=1.9.0";

    private AsyncApi() {
    }

    /** The document, as text (stable: the same catalogue gives the same bytes). */
    public static String document() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Switchboard topics");
        info.put("version", "1");
        info.put("description", "Every topic Switchboard writes. Values are Avro in the Confluent wire format (magic byte "
                + "0, 4-byte schema id, Avro binary), registered under <topic>-value with BACKWARD compatibility; keys "
                + "are UTF-8 strings. Generated from the topic catalogue and the .avsc files.");
        ObjectNode server = doc.putObject("servers").putObject("local");
        server.put("host", "127.0.0.1:9092");
        server.put("protocol", "kafka");
        server.put("description", "./switchboard run's broker; the schema registry's Confluent API is at "
                + "http://127.0.0.1:8085" + EventSerdes.CCOMPAT_PATH);
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode messages = doc.putObject("components").putObject("messages");
        for (Topic<?> topic : Topics.all()) {
            String message = topic.valueType().getSimpleName();
            channel(channels, topic.name(), topic.keyMeaning(), topic.cleanup() == Topic.Cleanup.COMPACT ? "compact" : "delete",
                    message, topic.valueSchema().getDoc());
            operations.putObject("read" + message).put("action", "receive").putObject("channel")
                    .put("$ref", "#/channels/" + topic.name());
            messages.set(message, message(topic));
        }
        channel(channels, Topics.CALLLOG_DEAD_LETTERS, "the original record's key", "delete", "DeadLetter",
                "Records calllog-service could not process; each value is the record in its own topic's wire format.");
        messages.set("DeadLetter", deadLetter());
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void channel(ObjectNode channels, String name, String key, String cleanup, String message, String doc) {
        ObjectNode channel = channels.putObject(name);
        channel.put("address", name);
        channel.put("description", doc + " Key: " + key + ".");
        channel.putObject("messages").putObject(message).put("$ref", "#/components/messages/" + message);
        ObjectNode kafka = channel.putObject("bindings").putObject("kafka");
        kafka.put("topic", name);
        kafka.putObject("topicConfiguration").putArray("cleanup.policy").add(cleanup);
        kafka.put("bindingVersion", KAFKA_BINDING);
    }

    private static ObjectNode message(Topic<?> topic) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", topic.valueType().getSimpleName());
        message.put("contentType", "application/vnd.apache.avro+binary");
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", AVRO);
        try {
            payload.set("schema", JSON.readTree(topic.valueSchema().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafkaMessageBinding(message, topic.keyMeaning(), topic.valueSubject());
        return message;
    }

    private static ObjectNode deadLetter() {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", "DeadLetter");
        message.put("contentType", "application/octet-stream");
        ObjectNode headers = message.putObject("headers");
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        header(properties, DeadLetterHeaders.REASON, "why the record could not be processed");
        header(properties, DeadLetterHeaders.ORIGINAL_TOPIC, "the topic it was read from");
        header(properties, DeadLetterHeaders.ORIGINAL_PARTITION, "its partition there");
        header(properties, DeadLetterHeaders.ORIGINAL_OFFSET, "its offset there");
        header(properties, DeadLetterHeaders.VALUE_FORMAT, DeadLetterHeaders.AS_READ + " (the bytes as read) or "
                + DeadLetterHeaders.RE_ENCODED + " (decoded, then encoded again)");
        message.putObject("payload").put("type", "string").put("format", "binary")
                .put("description", "the record in its original topic's wire format");
        kafkaMessageBinding(message, "the original record's key", null);
        return message;
    }

    private static void header(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "string").put("description", description);
    }

    private static void kafkaMessageBinding(ObjectNode message, String key, String subject) {
        ObjectNode kafka = message.putObject("bindings").putObject("kafka");
        kafka.putObject("key").put("type", "string").put("description", key);
        if (subject != null) {
            kafka.put("schemaIdLocation", "payload");
            kafka.put("schemaIdPayloadEncoding", "confluent");
            kafka.put("schemaLookupStrategy", "TopicNameStrategy (" + subject + ")");
        }
        kafka.put("bindingVersion", KAFKA_BINDING);
    }
}
