package io.switchboard.ingress.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ingress.IngressTest;
import io.switchboard.ingress.Livekit;
import io.switchboard.ingress.RoutingEntries;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Kafka unreachable and the spool's disk below its free-space floor: the webhook is answered 503 (LiveKit
 * retries), nothing is spooled, the refusal is counted, and readiness is DOWN saying why. Never a 200 for an
 * event that was not made durable.
 */
@IngressTest
@TestPropertySource(properties = {"spring.kafka.producer.bootstrap-servers=127.0.0.1:1",
        "switchboard.ingress.spool-min-free=1000000TB"})
class SpoolFullIntegrationTests {
    @Autowired
    WebTestClient client;
    @Autowired
    DurableEmitter emitter;
    @Autowired
    SpoolHealth health;
    @Autowired
    MeterRegistry meters;

    @Test
    void aCallThatNeitherKafkaNorTheSpoolCanTakeIsAnswered503AndKeptNowhere() {
        String callId = "CA_full_" + UUID.randomUUID();
        String body = Livekit.sipInboundBody(callId, "+15551234567", RoutingEntries.freshNumber(), "call-" + callId);
        Livekit.sipInbound(client, body).expectStatus().isEqualTo(503).expectBody()
                .jsonPath("$.error").isEqualTo("not_durable");

        assertThat(emitter.spoolAgeMillis()).isZero();
        assertThat(meters.counter("switchboard.ingress.events", "outcome", "refused").count()).isOne();
        assertThat(meters.counter("switchboard.ingress.events", "outcome", "spooled").count()).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("reason")).asString().contains("free");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
    }
}
