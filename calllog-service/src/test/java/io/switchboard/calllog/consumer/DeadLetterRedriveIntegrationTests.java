package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.switchboard.events.DeadLetterHeaders;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.ops.DeadLetterRedrive;
import io.switchboard.stack.testing.SharedStack;
import io.switchboard.stack.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Once what rejected a record is fixed, its dead letter goes back to its topic and becomes a call log. The letter
 * is written to a dead-letter topic of this test's own, so that the run moves no other class's letters.
 */
@ServiceIntegrationTest
class DeadLetterRedriveIntegrationTests {
    @Autowired
    WebTestClient client;

    @org.junit.jupiter.api.BeforeEach
    void asAdmin() {
        client = io.switchboard.platform.Credentials.admin(client);
    }

    @Test
    void aLetterWhoseCauseWasFixedIsRedrivenOnceAndBecomesACallLog() throws Exception {
        String callId = "SCL_" + UUID.randomUUID();
        String reason = "rejected by an older calllog-service (" + callId + ")";
        String kafka = SharedStack.endpoints().kafkaBootstrapServers();
        String letters = ownDeadLetterTopic(kafka);
        byte[] wire = deadLetter(letters, callStarted(callId), reason);
        String group = "redrive-test-" + UUID.randomUUID();

        DeadLetterRedrive.Result listed = new DeadLetterRedrive(kafka, letters, group, line -> { }).run(true);
        assertThat(listed).isEqualTo(new DeadLetterRedrive.Result(1, 0, Map.of(reason, 1)));
        assertThat(copies(wire)).as("records the dry run copied").isEmpty();

        DeadLetterRedrive.Result redriven = new DeadLetterRedrive(kafka, letters, group, line -> { }).run(false);
        assertThat(redriven).as("the dry run moved nothing").isEqualTo(listed);
        List<ConsumerRecord<String, byte[]>> copies = copies(wire);
        assertThat(copies).as("the letter, copied back byte for byte").hasSize(1);
        assertThat(new String(copies.getFirst().headers().lastHeader(DeadLetterHeaders.REDRIVEN_FROM).value(),
                StandardCharsets.UTF_8)).isEqualTo(letters + "/0@0");
        assertThat(copies.getFirst().key()).isEqualTo("room-" + callId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.get().uri("/api/v1/call-logs/" + callId)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("ringing").jsonPath("$.agent_name").isEqualTo("support-agent"));

        DeadLetterRedrive.Result again = new DeadLetterRedrive(kafka, letters, group, line -> { }).run(false);
        assertThat(again).as("a letter is re-driven once").isEqualTo(new DeadLetterRedrive.Result(0, 0, Map.of()));
        assertThat(copies(wire)).hasSize(1);
    }

    private static String ownDeadLetterTopic(String kafka) throws Exception {
        String name = Topics.CALLLOG_DEAD_LETTERS + ".redrive-test-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
        return name;
    }

    /** Records of call.started whose value is exactly these bytes. */
    private static List<ConsumerRecord<String, byte[]>> copies(byte[] wire) {
        return TopicReader.readRaw(Topics.CALL_STARTED.name()).stream()
                .filter(r -> java.util.Arrays.equals(r.value(), wire)).toList();
    }

    private static CallStarted callStarted(String callId) {
        Instant at = Instant.parse("2026-11-21T09:00:00Z");
        return CallStarted.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setReceivedAt(at)
                .setSource(EventSource.sip_inbound).setCallId(callId).setRoomName("room-" + callId)
                .setFromNumber("+15550002222").setToNumber("+18588796658").setAgentName("support-agent")
                .setRoutingRule("system_default").setMetadata("{}").build();
    }

    /** A letter as calllog-service writes one: the record in call.started's wire format, its origin in headers. */
    private static byte[] deadLetter(String topic, CallStarted event, String reason) throws Exception {
        var stack = SharedStack.endpoints();
        byte[] wire;
        try (AvroKafkaSerializer<CallStarted> avro = new AvroKafkaSerializer<>()) {
            avro.configure(EventSerdes.producer(stack.registryUrl()), false);
            wire = avro.serialize(Topics.CALL_STARTED.name(), event);
        }
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, event.getRoomName(), wire);
            letter.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
            letter.headers().add(DeadLetterHeaders.ORIGINAL_TOPIC, Topics.CALL_STARTED.name().getBytes(StandardCharsets.UTF_8));
            raw.send(letter).get();
        }
        return wire;
    }
}
