package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventSerdes;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.SharedStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Not part of the test suite (its name matches no include pattern). Run:
 * {@code ./switchboard test -pl routing-service -am -Dtest=RoutingBulkImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * It imports {@value #NUMBERS} numbers in one request and waits until every entry is on routing.entries.
 */
@RoutingServiceTest
class RoutingBulkImportBenchmark {
    static final int NUMBERS = Integer.getInteger("benchmark.numbers", 100_000);

    @Autowired
    WebTestClient client;

    @Test
    void importsOneHundredThousandNumbersAndPublishesThemAll() {
        RoutingApi api = new RoutingApi(client.mutate().responseTimeout(Duration.ofMinutes(10)).build());
        String tenant = api.tenant(null);
        long base = 2_000_000 + (System.nanoTime() & 0xFFFF) * 100;
        List<Map<String, Object>> rows = new ArrayList<>(NUMBERS);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < NUMBERS; i++) {
            String e164 = "+1415" + String.format("%07d", (base + i) % 10_000_000);
            rows.add(Map.of("number", e164, "tenant_id", tenant, "provider", "telnyx"));
            expected.add(e164);
        }
        try (KafkaConsumer<String, RoutingEntry> consumer = consumer()) {
            long start = System.nanoTime();
            api.post("/api/v1/phone-numbers:bulk", Map.of("numbers", rows)).expectStatus().isCreated()
                    .expectBody().jsonPath("$.imported").isEqualTo(NUMBERS);
            long imported = System.nanoTime();

            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value() != null && expected.contains(r.key())) {
                        seen.add(r.key());
                    }
                });
            }
            long published = System.nanoTime();
            assertThat(seen).hasSameSizeAs(expected);
            System.out.printf("%nBENCHMARK bulk import of %,d numbers: request %,d ms; all entries on routing.entries"
                            + " after %,d ms (%,.0f entries/s end to end)%n%n", NUMBERS, (imported - start) / 1_000_000,
                    (published - start) / 1_000_000, NUMBERS / ((published - start) / 1e9));
        }
    }

    /** Positioned at the current end of the topic, before the import. */
    private static KafkaConsumer<String, RoutingEntry> consumer() {
        var stack = SharedStack.endpoints();
        Map<String, Object> props = new HashMap<>(EventSerdes.consumer(stack.registryUrl()));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, RoutingEntry> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_ENTRIES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
