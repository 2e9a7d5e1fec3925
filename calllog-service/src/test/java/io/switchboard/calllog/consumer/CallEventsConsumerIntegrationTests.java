package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.DeadLetterHeaders;
import io.switchboard.events.CallEnded;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.SharedStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The call topics, consumed into call logs and leads; what cannot be read is dead-lettered, not lost. */
@ServiceIntegrationTest
class CallEventsConsumerIntegrationTests {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    WebTestClient client;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    org.springframework.boot.kafka.autoconfigure.KafkaProperties kafkaProperties;

    @org.junit.jupiter.api.BeforeEach
    void asAdmin() {
        client = io.switchboard.platform.Credentials.admin(client);
    }

    @Test
    void aCallsEventsBecomeACompletedCallLogAndALead() throws Exception {
        String callId = "SCL_" + UUID.randomUUID();
        playCall(callId, "call-" + callId);
    }

    /** A call's three events, in the room {@code room}; then its completed call log and lead through the API. */
    private void playCall(String callId, String room) throws Exception {
        String caller = sendCall(callId, room);
        awaitCompleted(callId, caller);
    }

    /** Sends a call's three events (its room's end first); returns the caller's number. */
    private String sendCall(String callId, String room) throws Exception {
        String caller = "+1555" + String.format("%07d", Math.abs(callId.hashCode()) % 10_000_000);
        Instant start = Instant.parse("2026-11-21T10:00:00Z");
        kafka.send(Topics.ROOM_FINISHED.name(), room, RoomFinished.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(start.plusSeconds(150)).setReceivedAt(start.plusSeconds(150))
                .setSource(EventSource.livekit_webhook).setRoomName(room).build()).get();
        kafka.send(Topics.CALL_STARTED.name(), room, CallStarted.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(start).setReceivedAt(start).setSource(EventSource.sip_inbound).setCallId(callId)
                .setRoomName(room).setFromNumber(caller).setToNumber("+18588796658").setAgentName("sales-agent")
                .setRoutingRule("campaign").setTenantId("tenant-7").setCampaignId("campaign-7").setMetadata("{}").build()).get();
        kafka.send(Topics.CALL_ENDED.name(), room, CallEnded.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(start.plusSeconds(130)).setReceivedAt(start.plusSeconds(130))
                .setSource(EventSource.livekit_webhook).setCallId(callId).setRoomName(room)
                .setDisconnectReason("CLIENT_INITIATED").build()).get();
        return caller;
    }

    private void awaitCompleted(String callId, String caller) {
        await().atMost(WITHIN).untilAsserted(() -> client.get().uri("/api/v1/call-logs/" + callId).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("completed").jsonPath("$.duration_seconds").isEqualTo(130)
                .jsonPath("$.agent_name").isEqualTo("sales-agent").jsonPath("$.tenant_id").isEqualTo("tenant-7"));
        client.get().uri("/api/v1/leads?number={number}", caller).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].attempts").isEqualTo(1).jsonPath("$.items[0].status").isEqualTo("completed")
                .jsonPath("$.items[0].name").isEqualTo("Inbound Caller " + caller);
        client.get().uri("/api/v1/call-logs?tenant_id=tenant-7&status=completed").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.call_id == '" + callId + "')]").exists();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithItsOriginAndTheConsumerGoesOn() throws Exception {
        String room = "garbage-" + UUID.randomUUID();
        var stack = SharedStack.endpoints();
        RecordMetadata sent;
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            sent = raw.send(new ProducerRecord<>(Topics.CALL_STARTED.name(), room, "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        ConsumerRecord<String, byte[]> letter = await().atMost(WITHIN).until(() -> deadLetter(room), r -> r != null);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("call.started");
        assertThat(header(letter, DeadLetterHeaders.REASON)).startsWith("unreadable");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));

        // the consumer goes on past it: a call in the same room (so the same partition and thread) is written
        playCall("SCL_" + UUID.randomUUID(), room);
    }

    @Test
    void aRecordThatMakesNoSenseIsDeadLetteredInItsTopicsWireFormat() throws Exception {
        String room = "nameless-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T11:00:00Z");
        CallStarted nameless = CallStarted.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setReceivedAt(at).setSource(EventSource.sip_inbound).setCallId("").setRoomName(room)
                .setFromNumber("+15550003333").setToNumber("+18588796658").setAgentName("agent")
                .setRoutingRule("system_default").setMetadata("{}").build();
        kafka.send(Topics.CALL_STARTED.name(), room, nameless).get();

        ConsumerRecord<String, byte[]> letter = await().atMost(WITHIN).until(() -> deadLetter(room), r -> r != null);
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("without call_id");
        try (AvroKafkaDeserializer<CallStarted> avro = new AvroKafkaDeserializer<>()) {
            avro.configure(EventSerdes.consumer(SharedStack.endpoints().registryUrl()), false);
            assertThat(avro.deserialize(Topics.CALL_STARTED.name(), letter.value())).isEqualTo(nameless);
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsDeadLetteredOnceAndTheRoomsOtherEventsAreStillWritten() throws Exception {
        String room = "poison-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-11-21T12:00:00Z");
        CallStarted.Builder call = CallStarted.newBuilder().setOccurredAt(at).setReceivedAt(at)
                .setSource(EventSource.sip_inbound).setRoomName(room).setFromNumber("+15550004444")
                .setToNumber("+18588796658").setAgentName("agent").setRoutingRule("system_default").setMetadata("{}");
        var poison = kafka.send(Topics.CALL_STARTED.name(), room, call.setEventId(UUID.randomUUID().toString())
                .setCallId("SCL_nul\u0000" + UUID.randomUUID()).build()).get().getRecordMetadata();
        String good = "SCL_" + UUID.randomUUID();
        kafka.send(Topics.CALL_STARTED.name(), room, call.setEventId(UUID.randomUUID().toString()).setCallId(good).build())
                .get();

        await().atMost(WITHIN).untilAsserted(() -> client.get().uri("/api/v1/call-logs/" + good).exchange()
                .expectStatus().isOk());
        ConsumerRecord<String, byte[]> letter = await().atMost(WITHIN).until(() -> deadLetter(room), r -> r != null);
        assertThat(header(letter, DeadLetterHeaders.REASON)).contains("SQLSTATE 22");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(poison.offset()));
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(poison.partition()));
        assertThat(deadLetters(room)).as("sent once").isEqualTo(1);
    }

    /**
     * A database that refuses every write for a while (its table gone: SQLSTATE 42P01, no fault of any record) is
     * retried with back-off, never dead-lettered; the call is written once the table is back.
     */
    @Test
    void aDatabaseThatRefusesEveryWriteIsRetriedAndNothingIsDeadLettered() throws Exception {
        String callId = "SCL_" + UUID.randomUUID();
        String room = "outage-" + callId;
        double failedBefore = failedBatches();
        try {
            database("ALTER TABLE calllog.call_logs RENAME TO call_logs_away");
            sendCall(callId, room);
            await().atMost(WITHIN).until(() -> failedBatches() >= failedBefore + 3);
            assertThat(deadLetters(room)).isZero();
        } finally {
            database("ALTER TABLE IF EXISTS calllog.call_logs_away RENAME TO call_logs");
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> client.get().uri("/api/v1/call-logs/" + callId)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("completed"));
        assertThat(deadLetters(room)).isZero();
    }

    /** Batches the listener failed, as Spring Kafka's listener timer counts them. */
    private double failedBatches() {
        return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToDouble(t -> t.count()).sum();
    }

    private static void database(String sql) throws Exception {
        var stack = SharedStack.endpoints();
        try (var db = java.sql.DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             var statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * A room's three events carry the same key, so land in the same partition number of each call topic (equal
     * partition counts); the service's assignor gives each consumer the same numbers of every topic, so one writer
     * sees all three. Checked with four consumers configured as the service's (in a group of their own): a group of
     * two would pass by luck with round-robin assignment too.
     */
    @Test
    void aRoomsThreeEventsMeetInOneConsumer() {
        List<String> callTopics = List.of(Topics.CALL_STARTED.name(), Topics.CALL_ENDED.name(), Topics.ROOM_FINISHED.name());
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "room-affinity-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"); // assignments are what is looked at, not records
        List<KafkaConsumer<String, byte[]>> group = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                        new ByteArrayDeserializer());
                consumer.subscribe(callTopics);
                group.add(consumer);
            }
            int partitions = group.get(0).partitionsFor(Topics.CALL_STARTED.name()).size();
            callTopics.forEach(t -> assertThat(group.get(0).partitionsFor(t)).as(t).hasSize(partitions));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                group.forEach(c -> c.poll(Duration.ofMillis(50)));
                // every member has its share (not one member holding all before the others joined)
                return group.stream().mapToInt(c -> c.assignment().size()).sum() == 3 * partitions
                        && group.stream().filter(c -> !c.assignment().isEmpty()).count() == Math.min(4, partitions);
            });
            for (KafkaConsumer<String, byte[]> consumer : group) {
                Map<String, java.util.Set<Integer>> numbers = new java.util.HashMap<>();
                consumer.assignment().forEach(p -> numbers.computeIfAbsent(p.topic(), t -> new java.util.TreeSet<>())
                        .add(p.partition()));
                assertThat(numbers.values().stream().distinct()).as(consumer.assignment().toString()).hasSizeLessThanOrEqualTo(1);
                assertThat(numbers.isEmpty() || numbers.size() == 3).as(consumer.assignment().toString()).isTrue();
            }
        } finally {
            group.forEach(KafkaConsumer::close);
        }
    }

    @Test
    void theReadApiRefusesBadFiltersAndUnknownCalls() {
        client.get().uri("/api/v1/call-logs?status=exploded").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("'status'"));
        client.get().uri("/api/v1/call-logs?from=yesterday").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("'from'"));
        client.get().uri("/api/v1/call-logs/no-such-call").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("not_found");
    }

    private static long deadLetters(String key) {
        return deadLettersOf(key).size();
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String key) {
        List<ConsumerRecord<String, byte[]>> letters = deadLettersOf(key);
        return letters.isEmpty() ? null : letters.get(0);
    }

    /** Every letter with this key, read up to the end offsets at the time of the call. */
    private static List<ConsumerRecord<String, byte[]>> deadLettersOf(String key) {
        var stack = SharedStack.endpoints();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CALLLOG_DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
            return found;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
