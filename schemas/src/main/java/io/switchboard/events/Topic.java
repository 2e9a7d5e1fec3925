package io.switchboard.events;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One entry of the topic catalogue. Every key on Switchboard's topics is a UTF-8 string (the E.164
 * number or the room name); values are Avro records registered under {@link #valueSubject()}.
 *
 * @param name         the Kafka topic name
 * @param keyMeaning   what the string key holds, for operators and documentation
 * @param valueType    the generated Avro class of the value
 * @param cleanup      how the broker keeps the topic's records
 */
public record Topic<V extends SpecificRecord>(String name, String keyMeaning, Class<V> valueType,
                                              Cleanup cleanup) {

    /** How the broker keeps a topic's records. */
    public enum Cleanup {
        /** Latest value per key, forever; a null value (tombstone) removes the key. */
        COMPACT,
        /** Every record, for the configured (long) retention: these topics are replayed. */
        RETAIN
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyMeaning, "keyMeaning");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    /** The registry subject of the value schema (Confluent's TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    /** The value's Avro schema, as generated from {@code schemas/src/main/avro}. */
    public Schema valueSchema() {
        return SpecificSchemas.of(valueType);
    }
}
