package io.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.platform.RegistryProxy;
import io.switchboard.platform.Switchboard;
import io.switchboard.stack.testing.SharedStack;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/**
 * A compacted topic held in memory: nothing is skipped. A record that cannot be decoded (its schema unknown,
 * the registry down) keeps its key's last good value and the view not ready, until it decodes or is replaced.
 */
class CompactedTopicViewIntegrationTests {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static Serializer<Object> avro;

    private final String topic = "view-test-" + UUID.randomUUID();
    private final Map<String, Object> table = new ConcurrentHashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void serializer() throws Exception {
        Switchboard.trustEventPackages();
        Map<String, Object> config = EventSerdes.producer(SharedStack.endpoints().registryUrl());
        avro = (Serializer<Object>) Utils.newInstance(EventSerdes.APICURIO_SERIALIZER, Serializer.class);
        avro.configure(config, false);
    }

    @Test
    void aRecordThatCannotBeDecodedKeepsTheLastGoodValueAndTheViewNotReadyUntilReplaced() throws Exception {
        createTopic();
        send("+15550000001", entry("+15550000001", "first"));
        send("+15550000001", new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3}); // an id no registry knows
        send("+15550000002", entry("+15550000002", "other"));
        CompactedTopicView view = view(SharedStack.endpoints().registryUrl());
        view.start();
        try {
            await().atMost(WITHIN).until(() -> table.containsKey("+15550000002"));
            await().atMost(WITHIN).until(() -> view.lag() == 0);
            assertThat(view.isReady()).isFalse();
            assertThat(view.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(view.health().getDetails().get("reason").toString()).contains(topic + "-0@1 cannot be decoded");
            assertThat(((RoutingEntry) table.get("+15550000001")).getAgentName()).isEqualTo("first");

            send("+15550000001", entry("+15550000001", "replacement"));
            await().atMost(WITHIN).until(view::isReady);
            assertThat(((RoutingEntry) table.get("+15550000001")).getAgentName()).isEqualTo("replacement");
        } finally {
            view.stop();
        }
    }

    @Test
    void aRegistryOutageAtStartDelaysReadinessAndLosesNoRecord() throws Exception {
        createTopic();
        for (int i = 0; i < 20; i++) {
            send("+1555000" + (1000 + i), entry("+1555000" + (1000 + i), "agent-" + i));
        }
        try (RegistryProxy registry = new RegistryProxy(SharedStack.endpoints().registryUrl())) {
            CompactedTopicView view = view(registry.url());
            view.start();
            try {
                await().atMost(WITHIN).until(() -> view.lag() == 0);
                assertThat(view.isReady()).as("ready with every entry unreadable").isFalse();
                assertThat(table).isEmpty();

                registry.up(true);
                await().atMost(WITHIN).until(view::isReady);
                assertThat(table).hasSize(20);
                send("+15550001000", null); // a tombstone removes
                await().atMost(WITHIN).until(() -> table.size() == 19);
            } finally {
                view.stop();
            }
        }
    }

    /** A registry that takes requests and never answers: each lookup is given up, the reader goes on to the end. */
    @Test
    void aSilentRegistryHoldsNoReaderForever() throws Exception {
        createTopic();
        send("+15550002000", entry("+15550002000", "held"));
        send("+15550002001", entry("+15550002001", "held"));
        try (RegistryProxy registry = new RegistryProxy(SharedStack.endpoints().registryUrl())) {
            registry.silentWhileDown();
            CompactedTopicView view = view(registry.url());
            view.start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> view.lag() == 0
                        && view.health().getDetails().getOrDefault("reason", "").toString().contains("cannot be decoded"));
                assertThat(table).isEmpty();

                registry.up(true);
                await().atMost(Duration.ofSeconds(60)).until(view::isReady);
                assertThat(table).containsOnlyKeys("+15550002000", "+15550002001");
            } finally {
                view.stop();
            }
        }
    }

    @Test
    void aTopicThatDoesNotExistYetIsWaitedFor() throws Exception {
        CompactedTopicView view = view(SharedStack.endpoints().registryUrl());
        view.start();
        try {
            assertThat(view.isReady()).isFalse();
            createTopic();
            send("+15550000009", entry("+15550000009", "late"));
            await().atMost(WITHIN).until(() -> table.containsKey("+15550000009"));
            assertThat(view.isRunning()).isTrue();
        } finally {
            view.stop();
        }
    }

    @Test
    void aReaderThatDiesTurnsLivenessBroken() throws Exception {
        createTopic();
        send("+15550000010", entry("+15550000010", "fatal"));
        List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<String, Object> config = new HashMap<>(EventSerdes.consumer(SharedStack.endpoints().registryUrl()));
        config.put("bootstrap.servers", SharedStack.endpoints().kafkaBootstrapServers());
        CompactedTopicView view = new CompactedTopicView(topic, config, (key, value) -> {
            throw new StackOverflowError("simulated");
        }, events::add, new SimpleMeterRegistry(), Duration.ofMillis(200));
        view.start();
        try {
            await().atMost(WITHIN).until(() -> !events.isEmpty());
            assertThat(events).singleElement().satisfies(e -> assertThat(
                    ((org.springframework.boot.availability.AvailabilityChangeEvent<?>) e).getState())
                    .isEqualTo(org.springframework.boot.availability.LivenessState.BROKEN));
        } finally {
            view.stop();
        }
    }

    private CompactedTopicView view(String registryUrl) {
        Map<String, Object> config = new HashMap<>(EventSerdes.consumer(registryUrl));
        config.put("bootstrap.servers", SharedStack.endpoints().kafkaBootstrapServers());
        return new CompactedTopicView(topic, config, (key, value) -> {
            if (value == null) {
                table.remove(key);
            } else {
                table.put(key, value);
            }
        }, event -> { }, new SimpleMeterRegistry(), Duration.ofMillis(200));
    }

    private void createTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedStack.endpoints().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get();
        }
    }

    private static byte[] entry(String number, String agent) {
        Instant now = Instant.now();
        return avro.serialize(Topics.ROUTING_ENTRIES.name(), RoutingEntry.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setReceivedAt(now)
                .setSource(EventSource.routing_service).setVersion(System.nanoTime()).setPhoneNumber(number)
                .setPhoneNumberId(UUID.randomUUID().toString()).setTenantId("t").setAgentName(agent)
                .setRoutingRule("campaign").build());
    }

    private void send(String key, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedStack.endpoints().kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
