package io.switchboard.calllog.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.ServiceIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Callers' numbers are read only with a key, and a tenant's key reads only its own tenant's calls and leads. */
@ServiceIntegrationTest
class CallLogAccessIntegrationTests {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    WebTestClient client;

    private final String mine = "tenant-" + UUID.randomUUID();
    private final String theirs = "tenant-" + UUID.randomUUID();
    private String myCall;
    private String theirCall;

    @BeforeEach
    void twoTenantsEachHaveACall() throws Exception {
        myCall = call(mine);
        theirCall = call(theirs);
        WebTestClient admin = Credentials.admin(client);
        await().atMost(WITHIN).untilAsserted(() -> {
            admin.get().uri("/api/v1/call-logs/" + myCall).exchange().expectStatus().isOk();
            admin.get().uri("/api/v1/call-logs/" + theirCall).exchange().expectStatus().isOk();
        });
    }

    @Test
    void nothingIsReadWithoutAValidKey() {
        for (String path : new String[] {"/api/v1/call-logs", "/api/v1/call-logs/" + myCall, "/api/v1/leads",
                "/actuator/prometheus", "/v3/api-docs"}) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.error").isEqualTo("unauthorized");
            Credentials.as(client, "sbk_00000000000000000000000000000000_0000000000000000000000000000000000000000000")
                    .get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void aTenantsKeySeesOnlyItsOwnCallsAndLeads() {
        WebTestClient tenant = Credentials.as(client, Credentials.publishKey(mine, "read"));
        await().atMost(WITHIN).untilAsserted(() ->
                tenant.get().uri("/api/v1/call-logs/" + myCall).exchange().expectStatus().isOk());

        tenant.get().uri("/api/v1/call-logs/" + theirCall).exchange().expectStatus().isNotFound();
        tenant.get().uri("/api/v1/call-logs?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].call_id").isEqualTo(myCall);
        tenant.get().uri("/api/v1/call-logs?tenant_id=" + theirs).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("forbidden");
        tenant.get().uri("/api/v1/leads?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].tenant_id").isEqualTo(mine);
        tenant.get().uri("/api/v1/leads?tenant_id=" + theirs).exchange().expectStatus().isForbidden();
        tenant.get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();

        WebTestClient everyone = Credentials.as(client, Credentials.publishKey(null, "read"));
        await().atMost(WITHIN).untilAsserted(() ->
                everyone.get().uri("/api/v1/call-logs/" + theirCall).exchange().expectStatus().isOk());
        everyone.get().uri("/api/v1/leads?tenant_id=" + theirs).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void aRevokedKeyIsRefused() {
        String key = Credentials.publishKey(null, "read");
        WebTestClient holder = Credentials.as(client, key);
        await().atMost(WITHIN).untilAsserted(() ->
                holder.get().uri("/api/v1/call-logs/" + myCall).exchange().expectStatus().isOk());

        Credentials.revoke(key);
        await().atMost(WITHIN).untilAsserted(() ->
                holder.get().uri("/api/v1/call-logs/" + myCall).exchange().expectStatus().isUnauthorized());
    }

    private String call(String tenant) throws Exception {
        String callId = "SCL_" + UUID.randomUUID();
        String room = "call-" + callId;
        Instant start = Instant.now();
        kafka.send(Topics.CALL_STARTED.name(), room, CallStarted.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(start).setReceivedAt(start).setSource(EventSource.sip_inbound).setCallId(callId)
                .setRoomName(room).setFromNumber("+1555" + String.format("%07d", Math.abs(callId.hashCode()) % 10_000_000))
                .setToNumber("+18588796658").setAgentName("sales-agent").setRoutingRule("tenant_default")
                .setTenantId(tenant).setMetadata("{}").build()).get();
        assertThat(callId).isNotBlank();
        return callId;
    }
}
