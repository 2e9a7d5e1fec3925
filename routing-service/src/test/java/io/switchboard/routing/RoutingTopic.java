package io.switchboard.routing;

import io.switchboard.events.EventSerdes;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.stack.SharedStack;
import io.switchboard.stack.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** What a reader of routing.entries sees: every record so far, and the latest value per number. */
final class RoutingTopic {
    private RoutingTopic() {
    }

    /** All records from the beginning up to the end offsets at the time of the call. */
    static List<ConsumerRecord<String, RoutingEntry>> readAll() {
        StackEndpoints stack = SharedStack.endpoints();
        Map<String, Object> props = new HashMap<>(EventSerdes.consumer(stack.registryUrl()));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaConsumer<String, RoutingEntry> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_ENTRIES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, RoutingEntry>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The latest value per key among the given numbers; a removed number maps to null. */
    static Map<String, RoutingEntry> latest(java.util.Collection<String> numbers) {
        Map<String, RoutingEntry> latest = new HashMap<>();
        for (ConsumerRecord<String, RoutingEntry> r : readAll()) {
            if (numbers.contains(r.key())) {
                latest.put(r.key(), r.value());
            }
        }
        return latest;
    }
}
