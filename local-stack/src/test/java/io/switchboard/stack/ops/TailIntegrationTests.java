package io.switchboard.stack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.stack.StackEndpoints;
import io.switchboard.stack.cli.LocalStack;
import io.switchboard.stack.testing.SharedStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./switchboard tail}: what is on a topic, decoded through the registry, one JSON object per line. */
class TailIntegrationTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StackEndpoints stack = SharedStack.endpoints();

    @Test
    void aCallStartedIsPrintedWithItsFieldsDecodedThroughTheRegistry() throws Exception {
        String room = "tail-room-" + UUID.randomUUID();
        Map<String, Object> props = new HashMap<>(EventSerdes.producer(stack.registryUrl()));
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.CALL_STARTED.name(), room, CallStarted.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setReceivedAt(Instant.now())
                    .setSource(EventSource.sip_inbound).setCallId("SCL_tail").setRoomName(room)
                    .setFromNumber("+15551230000").setToNumber("+18585550000").setAgentName("tail-agent")
                    .setRoutingRule("campaign").setMetadata("{}").build())).get();
        }

        JsonNode line = linesFor(Topics.CALL_STARTED.name(), room).getFirst();

        assertThat(line.path("schema_id").asInt()).isPositive();
        assertThat(line.path("value").path("call_id").asText()).isEqualTo("SCL_tail");
        assertThat(line.path("value").path("agent_name").asText()).isEqualTo("tail-agent");
        assertThat(line.path("value").path("source").asText()).isEqualTo("sip_inbound");
        assertThat(line.path("partition").isInt()).isTrue();
    }

    @Test
    void aDeadLetterShowsItsReasonHeadersAndBytesThatAreNotInTheWireFormat() throws Exception {
        String key = "tail-letter-" + UUID.randomUUID();
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new org.apache.kafka.common.serialization
                .StringSerializer(), new ByteArraySerializer())) {
            var letter = new ProducerRecord<>(Topics.CALLLOG_DEAD_LETTERS, key, "garbage".getBytes(StandardCharsets.UTF_8));
            letter.headers().add("reason", "unreadable: test".getBytes(StandardCharsets.UTF_8));
            producer.send(letter).get();
        }

        JsonNode line = linesFor(Topics.CALLLOG_DEAD_LETTERS, key).getFirst();

        assertThat(line.path("headers").path("reason").asText()).isEqualTo("unreadable: test");
        assertThat(line.path("value_base64").asText()).isEqualTo("Z2FyYmFnZQ==");
        assertThat(line.path("error").asText()).contains("wire format");
    }

    @Test
    void fromADurationAgoSkipsOlderRecordsAndABadFromIsRefused() {
        assertThat(TailCommand.since("10m")).isBetween(Instant.now().minusSeconds(601), Instant.now().minusSeconds(599));
        assertThat(TailCommand.since("2026-11-26T10:00:00Z")).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        int exit = new CommandLine(new LocalStack()).setErr(new java.io.PrintWriter(new ByteArrayOutputStream()))
                .execute("tail", Topics.CALL_STARTED.name(), "--from", "yesterday-ish", "--exit",
                        "--bootstrap-servers", stack.kafkaBootstrapServers(), "--registry-url", stack.registryUrl());
        assertThat(exit).isNotZero();
    }

    /** Runs {@code tail TOPIC --from 5m --exit} and keeps the lines of one key. */
    private List<JsonNode> linesFor(String topic, String key) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TailCommand tail = new TailCommand();
        tail.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(tail).execute(topic, "--from", "5m", "--exit",
                "--bootstrap-servers", stack.kafkaBootstrapServers(), "--registry-url", stack.registryUrl());
        assertThat(exit).isZero();
        List<JsonNode> lines = printed.toString(StandardCharsets.UTF_8).lines().map(TailIntegrationTests::parse)
                .filter(l -> key.equals(l.path("key").asText())).toList();
        assertThat(lines).as("lines of " + key).hasSize(1);
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
