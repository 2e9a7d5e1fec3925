package io.switchboard.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.RunningService;
import io.switchboard.stack.livekit.Callees;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.LivekitWebhooks;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls out placed at a running ingress against the fake LiveKit, to their call logs here: an answered one completed
 * (direction and source outbound, duration from the answer to the callee's departure, the callee as the lead), a busy,
 * an unanswered and a refused one busy, no_answer and failed with LiveKit's SIP status kept.
 */
@ServiceIntegrationTest
class OutboundCallEndToEndIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FakeLivekit LIVEKIT = SharedFakeLivekit.get();

    @Autowired
    WebTestClient calllog;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @TempDir
    Path data;

    @Test
    void callsOutEndAsCompletedBusyNoAnswerAndFailedCallLogs() throws Exception {
        String trunk = "ST_e2e_" + UUID.randomUUID().toString().substring(0, 6);
        LIVEKIT.outboundTrunk(trunk);
        String campaign = "camp-" + UUID.randomUUID();
        String callerId = "+1415" + (2_000_000 + (System.nanoTime() & 0xFFFFF));
        String answers = "+1212" + (3_000_000 + (System.nanoTime() & 0xFFFFF));
        String busy = "+1212" + (4_000_000 + (System.nanoTime() & 0xFFFFF));
        String away = "+1212" + (5_000_000 + (System.nanoTime() & 0xFFFFF));
        LIVEKIT.calleeAnswers(busy, 486);
        LIVEKIT.calleeAnswers(away, 480);
        route(callerId, campaign, trunk);
        WebTestClient admin = Credentials.admin(calllog);
        try (RunningService ingress = RunningService.start("ingress-service", data, Map.of("LIVEKIT_URL", LIVEKIT.url()))) {
            String answered = place(ingress, answers, callerId);
            String wasBusy = place(ingress, busy, callerId);
            String noAnswer = place(ingress, away, callerId);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status(admin, answered, "in_progress"));
            Instant answeredAt = Instant.parse((String) admin.get().uri("/api/v1/calls/" + answered).exchange()
                    .expectBody(Map.class).returnResult().getResponseBody().get("answered_at"));
            departs(ingress, answered, dialled(answers), answeredAt.plusSeconds(46).getEpochSecond());

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get().uri("/api/v1/calls/" + answered)
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("completed")
                    .jsonPath("$.direction").isEqualTo("outbound").jsonPath("$.source").isEqualTo("outbound")
                    .jsonPath("$.from_number").isEqualTo(callerId).jsonPath("$.to_number").isEqualTo(answers)
                    .jsonPath("$.duration_seconds").value(d -> assertThat(((Number) d).intValue()).isBetween(45, 46)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                status(admin, wasBusy, "busy");
                status(admin, noAnswer, "no_answer");
            });
            admin.get().uri("/api/v1/calls/" + wasBusy).exchange().expectBody().jsonPath("$.sip_code").isEqualTo(486);
            admin.get().uri("/api/v1/calls/" + noAnswer).exchange().expectBody().jsonPath("$.sip_code").isEqualTo(480);
            admin.get().uri("/api/v1/leads?number={n}&campaign_id={c}", answers, campaign).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].source").isEqualTo("outbound_call")
                    .jsonPath("$.items[0].attempts").isEqualTo(1);
            admin.get().uri("/api/v1/leads?number={n}&campaign_id={c}", busy, campaign).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].attempts").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Called " + busy);

            LIVEKIT.goAway(); // LiveKit unreachable: the call out is refused, and recorded as failed
            try {
                String refused = place(ingress, "+12125550199", callerId);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> status(admin, refused, "failed"));
            } finally {
                LIVEKIT.comeBack();
            }
        }
    }

    private static void status(WebTestClient admin, String callId, String status) {
        admin.get().uri("/api/v1/calls/" + callId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo(status);
    }

    private void route(String number, String campaign, String trunk) throws Exception {
        Instant now = Instant.now();
        kafka.send(Topics.ROUTING_ENTRIES.name(), number, RoutingEntry.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now).setReceivedAt(now).setSource(EventSource.routing_service).setVersion(1)
                .setPhoneNumber(number).setPhoneNumberId(UUID.randomUUID().toString())
                .setTenantId(UUID.randomUUID().toString()).setTenantName("e2e").setCampaignId(campaign)
                .setAgentName("e2e-agent").setRoutingRule("campaign").setOutboundTrunkId(trunk).build()).get();
    }

    private static String place(RunningService ingress, String to, String from) throws Exception {
        String body = "{\"to_number\":\"" + to + "\",\"from_number\":\"" + from + "\"}";
        HttpResponse<String> placed = await().atMost(Duration.ofSeconds(20)).until(() -> post(ingress, "/api/v1/calls", body,
                "Bearer " + RunningService.adminToken(), "application/json"), r -> r.statusCode() != 422);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        return placed.body().replaceAll(".*\"call_id\":\"([^\"]+)\".*", "$1");
    }

    private static CreateSIPParticipantRequest dialled(String callee) {
        return LIVEKIT.dialled().stream().filter(d -> d.getSipCallTo().equals(callee)).findFirst().orElseThrow();
    }

    /** LiveKit's participant_left for the callee, with the attributes the dial gave it. */
    private static void departs(RunningService ingress, String callId, CreateSIPParticipantRequest dialled, long at)
            throws Exception {
        String body = Callees.event("participant_left", dialled, "EV_o" + callId, at);
        HttpResponse<String> response = post(ingress, "/api/v1/webhooks/livekit/events", body,
                LivekitWebhooks.sign(body, "devkey", "secret"), "application/webhook+json");
        assertThat(response.body()).contains("call_ended");
    }

    private static HttpResponse<String> post(RunningService service, String path, String body, String authorization,
                                             String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Content-Type", type)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
