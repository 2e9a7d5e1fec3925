package io.switchboard.platform.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes raw record values with the value deserializer the service is configured with (Apicurio's or
 * Confluent's), so that a record that cannot be decoded is an answer to handle, not an exception that
 * makes the consumer skip it; nor one that waits for ever on a silent registry ({@link RegistryDeadline}).
 */
final class ValueDecoder {
    /** A decoded value (null for a tombstone), or why it could not be decoded. */
    record Decoded(Object value, String error) {
    }

    private final String topic;
    private final Deserializer<Object> deserializer;

    ValueDecoder(String topic, Map<String, Object> consumerConfig) {
        this.topic = topic;
        Object type = consumerConfig.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        this.deserializer = new RegistryDeadline(type, RegistryDeadline.DEFAULT);
        deserializer.configure(consumerConfig, false);
    }

    Decoded decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new Decoded(null, null);
        }
        try {
            Object value = deserializer.deserialize(topic, record.headers(), record.value());
            return value == null ? new Decoded(null, "the value decoded to nothing") : new Decoded(value, null);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Decoded(null, e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (root == e ? "" : " (" + root + ")"));
        }
    }
}
