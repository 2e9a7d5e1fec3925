package io.switchboard.ingress;

import io.switchboard.platform.Credentials;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The ingress's webhooks verify LiveKit's signature (any configured key); everything else needs an API key. */
@IngressTest
class WebhookAccessIntegrationTests {
    private static final String CALLER = "+15551234567";

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Test
    void webhooksSignedWithTheOldOrTheNewKeyVerifyDuringARotation() {
        String body = "{\"event\":\"room_started\", \"room\":{\"name\":\"rotation-" + UUID.randomUUID() + "\"}, \"id\":\"EV_"
                + UUID.randomUUID() + "\"}";
        post(body, Livekit.sign(body)).expectStatus().isOk();
        post(body.replace("EV_", "EV_new"), Livekit.sign(body.replace("EV_", "EV_new"), Livekit.ROTATED_KEY,
                Livekit.ROTATED_SECRET)).expectStatus().isOk();
        post(body, Livekit.sign(body, "APIunknown", Livekit.ROTATED_SECRET)).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("invalid signature: the token is not signed by a known API key");
        post(body, Livekit.sign(body, Livekit.ROTATED_KEY, Livekit.SECRET)).expectStatus().isUnauthorized();
    }

    @Test
    void theDryRunNeedsAKeyAndShowsATenantOnlyItsOwnNumbers() throws Exception {
        String number = RoutingEntries.freshNumber();
        String tenant = UUID.randomUUID().toString();
        RoutingEntries.publish(kafka, RoutingEntries.entry(number, "dry-agent", "tenant_default").setTenantId(tenant).build());
        Map<String, String> call = Map.of("to_number", number, "from_number", CALLER);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                dryRun(Credentials.admin(client), call).expectStatus().isOk());

        dryRun(client, call).expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("unauthorized");
        WebTestClient own = Credentials.as(client, Credentials.publishKey(tenant, "read"));
        WebTestClient other = Credentials.as(client, Credentials.publishKey(UUID.randomUUID().toString(), "read"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                dryRun(own, call).expectStatus().isOk().expectBody().jsonPath("$.agent_name").isEqualTo("dry-agent"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                dryRun(other, call).expectStatus().isNotFound().expectBody().jsonPath("$.error").isEqualTo("unknown_number"));
    }

    @Test
    void operatorsEndpointsNeedAKeyForAllTenants() {
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/webhooks/health").exchange().expectStatus().isOk();
        Credentials.admin(client).get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec dryRun(WebTestClient as, Map<String, String> call) {
        return as.post().uri("/api/v1/webhooks/test").contentType(MediaType.APPLICATION_JSON).bodyValue(call).exchange();
    }

    private WebTestClient.ResponseSpec post(String body, String jwt) {
        return client.post().uri("/api/v1/webhooks/livekit/events").contentType(Livekit.WEBHOOK_JSON)
                .header("Authorization", jwt).bodyValue(body).exchange();
    }
}
