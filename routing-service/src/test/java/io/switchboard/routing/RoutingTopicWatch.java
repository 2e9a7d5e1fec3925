package io.switchboard.routing;

import io.switchboard.events.EventSerdes;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.SharedStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** For benchmarks: when every one of some numbers has an entry on routing.entries, read from its end at the call. */
final class RoutingTopicWatch implements AutoCloseable {
    private final KafkaConsumer<String, RoutingEntry> consumer;

    /** Positioned at the topic's end now, before the change whose entries it waits for. */
    RoutingTopicWatch() {
        var stack = SharedStack.endpoints();
        Map<String, Object> props = new HashMap<>(EventSerdes.consumer(stack.registryUrl()));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_ENTRIES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Blocks until all {@code numbers} were seen, {@link System#nanoTime()} then; fails after 10 minutes. */
    long until(Set<String> numbers) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!seen.containsAll(numbers) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (r.value() != null && numbers.contains(r.key())) {
                    seen.add(r.key());
                }
            });
        }
        if (!seen.containsAll(numbers)) {
            throw new IllegalStateException("only %,d of %,d entries reached routing.entries".formatted(seen.size(), numbers.size()));
        }
        return System.nanoTime();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
