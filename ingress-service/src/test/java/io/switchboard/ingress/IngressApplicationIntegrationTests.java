package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.CallEnded;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceProbes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The ingress-service starts on the shared stack, with the shared serde settings working end to end (its spool
 * under target/, as every test's: a default ./spool would carry an aborted run's events into the next).
 */
@IngressTest
class IngressApplicationIntegrationTests {
    @Autowired
    org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups healthGroups;


    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    ConsumerFactory<String, Object> consumers;

    @Test
    void exposesProbesAndPrometheusMetrics() {
        ServiceProbes.assertLiveReadyAndScraped(client, "ingress-service");
        ServiceProbes.assertReadinessWaitsFor(healthGroups, "apiKeys", "routingCache", "spool");
    }

    @Test
    void theConfiguredSerdeWritesAndReadsTheEventClasses() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallEnded event = CallEnded.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setReceivedAt(now).setSource(EventSource.livekit_webhook).setRoomName("room-" + UUID.randomUUID())
                .setDisconnectReason("CLIENT_INITIATED").build();

        SendResult<String, Object> sent = kafka.send(Topics.CALL_ENDED.name(), event.getRoomName(), event).get();

        TopicPartition partition = new TopicPartition(Topics.CALL_ENDED.name(), sent.getRecordMetadata().partition());
        try (Consumer<String, Object> consumer = consumers.createConsumer("serde-check", null)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, sent.getRecordMetadata().offset());
            var records = consumer.poll(Duration.ofSeconds(10)).records(partition);
            assertThat(records).isNotEmpty();
            assertThat(records.getFirst().value()).isInstanceOf(CallEnded.class).isEqualTo(event);
        }
    }
}
