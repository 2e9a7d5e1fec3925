package io.switchboard.stack.testing;

import io.switchboard.events.EventSerdes;
import io.switchboard.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a catalogue topic of the shared stack as its consumers see it, for tests' assertions. */
public final class TopicReader {
    private TopicReader() {
    }

    /**
     * Every record from the beginning up to the end offsets at the time of the call (none written later), or a
     * failure: a read cut short would let a "no such record" check pass on records it never saw.
     */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(Topic<V> topic) {
        return readAll(topic, SharedStack.endpoints().kafkaBootstrapServers());
    }

    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(Topic<V> topic, String bootstrap) {
        return readAll(topic, bootstrap, SharedStack.endpoints().registryUrl());
    }

    /** From any stack (the shared one is not started). */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readAll(Topic<V> topic, String bootstrap,
                                                                                     String registryUrl) {
        Map<String, Object> props = new HashMap<>(EventSerdes.consumer(registryUrl));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return read(topic.name(), props);
    }

    /** The same, with values as the bytes on the wire (for comparing a copied record with its original). */
    public static List<ConsumerRecord<String, byte[]>> readRaw(String topic) {
        return readRaw(topic, SharedStack.endpoints().kafkaBootstrapServers());
    }

    public static List<ConsumerRecord<String, byte[]>> readRaw(String topic, String bootstrap) {
        return read(topic, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static <V> List<ConsumerRecord<String, V>> read(String topic, Map<String, Object> config) {
        Map<String, Object> props = new HashMap<>(config);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + records.size() + " records of " + topic
                            + " in 60 s; its end offsets were " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
            return records;
        }
    }
}
