package io.switchboard.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livekit.server.AccessToken;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole pipeline on the real stack: routing data through routing-service, the routing table in
 * ingress-service, a call's webhooks as LiveKit sends them, and the call log and lead in this service.
 */
@ServiceIntegrationTest
class PipelineEndToEndIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WebTestClient calllog;

    @TempDir
    Path data;

    @Test
    void aCallToACampaignNumberEndsAsACompletedCallLogWithItsLead() throws Exception {
        try (RunningService routing = RunningService.start("routing-service", data);
             RunningService ingress = RunningService.start("ingress-service", data)) {
            String agent = "e2e-agent-" + UUID.randomUUID().toString().substring(0, 6);
            String number = "+1858" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode()) % 10_000_000);
            String caller = "+1555" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode()) % 10_000_000);
            admin(routing, "/api/v1/agents", "{\"name\":\"" + agent + "\"}");
            String tenant = id(admin(routing, "/api/v1/tenants", "{\"name\":\"e2e-" + UUID.randomUUID() + "\"}"));
            String campaign = id(admin(routing, "/api/v1/campaigns", "{\"tenant_id\":\"" + tenant
                    + "\",\"name\":\"spring\",\"agent_name\":\"" + agent + "\"}"));
            admin(routing, "/api/v1/phone-numbers", "{\"number\":\"" + number + "\",\"tenant_id\":\"" + tenant
                    + "\",\"campaign_id\":\"" + campaign + "\",\"provider\":\"twilio\"}");
            // the tenant's own read-only key, made by routing-service and honoured here through access.api-keys
            String key = admin(routing, "/api/v1/api-keys", "{\"name\":\"e2e\",\"role\":\"read\",\"tenant_id\":\""
                    + tenant + "\"}").replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
            WebTestClient tenantsView = io.switchboard.platform.Credentials.as(calllog, key);

            await().atMost(Duration.ofSeconds(30)).until(() -> post(ingress, "/api/v1/webhooks/test",
                    "{\"to_number\":\"" + number + "\",\"from_number\":\"" + caller + "\"}",
                    "Bearer " + RunningService.adminToken()).body().contains(agent));

            String callId = "SCL_" + UUID.randomUUID().toString().substring(0, 12);
            String room = "call-_" + caller + "_" + callId;
            Instant start = Instant.now().minusSeconds(200).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            HttpResponse<String> answer = signed(ingress, "/api/v1/webhooks/livekit/sip-inbound", "{\"call_id\":\"" + callId
                    + "\",\"trunk_id\":\"ST_e2e\",\"trunk_phone_number\":\"" + number + "\",\"from_number\":\"" + caller
                    + "\",\"to_number\":\"" + number + "\",\"room_name\":\"" + room + "\",\"timestamp\":\"" + start + "\"}");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"agent_name\":\"" + agent + "\"").contains("routing\\\":\\\"campaign")
                    .contains("caller_type\\\":\\\"new_caller");

            String participant = "\"participant\":{\"sid\":\"PA_e2e\", \"identity\":\"sip_" + caller + "\", \"kind\":\"SIP\", "
                    + "\"attributes\":{\"sip.callID\":\"" + callId + "\", \"sip.phoneNumber\":\"" + caller + "\", "
                    + "\"sip.trunkID\":\"ST_e2e\", \"sip.trunkPhoneNumber\":\"" + number + "\"}%s}";
            String roomJson = "\"room\":{\"sid\":\"RM_e2e\", \"name\":\"" + room + "\"}";
            event(ingress, "{\"event\":\"participant_joined\", " + roomJson + ", " + participant.formatted("")
                    + ", \"id\":\"EV_j" + callId + "\", \"createdAt\":\"" + (start.getEpochSecond() + 2) + "\"}");
            event(ingress, "{\"event\":\"participant_left\", " + roomJson + ", "
                    + participant.formatted(", \"disconnectReason\":\"CLIENT_INITIATED\"")
                    + ", \"id\":\"EV_l" + callId + "\", \"createdAt\":\"" + (start.getEpochSecond() + 95) + "\"}");
            event(ingress, "{\"event\":\"room_finished\", " + roomJson + ", \"id\":\"EV_f" + callId + "\", \"createdAt\":\""
                    + (start.getEpochSecond() + 115) + "\"}");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> tenantsView.get().uri("/api/v1/call-logs/" + callId)
                    .exchange().expectStatus().isOk().expectBody()
                    // answered when the SIP caller joined (2 s in), so the 95 s until the caller left minus the ringing
                    .jsonPath("$.status").isEqualTo("completed").jsonPath("$.duration_seconds").isEqualTo(93)
                    .jsonPath("$.answered_at").isEqualTo(start.plusSeconds(2).toString())
                    .jsonPath("$.agent_name").isEqualTo(agent).jsonPath("$.routing_rule").isEqualTo("campaign")
                    .jsonPath("$.campaign_id").isEqualTo(campaign).jsonPath("$.tenant_id").isEqualTo(tenant));
            tenantsView.get().uri("/api/v1/leads?number={n}", caller).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items.length()").isEqualTo(1)
                    .jsonPath("$.items[0].attempts").isEqualTo(1).jsonPath("$.items[0].campaign_id").isEqualTo(campaign)
                    .jsonPath("$.items[0].status").isEqualTo("completed");

            // the caller's next call knows them: the lead's context reached the ingress within 2 s of the log above
            await().atMost(Duration.ofSeconds(2)).until(() -> post(ingress, "/api/v1/webhooks/test",
                    "{\"to_number\":\"" + number + "\",\"from_number\":\"" + caller + "\"}",
                    "Bearer " + RunningService.adminToken()).body().contains("completed\\\",\\\"attempts\\\":1"));
            String second = "SCL_" + UUID.randomUUID().toString().substring(0, 12);
            HttpResponse<String> again = signed(ingress, "/api/v1/webhooks/livekit/sip-inbound", "{\"call_id\":\"" + second
                    + "\",\"from_number\":\"" + caller + "\",\"to_number\":\"" + number + "\",\"room_name\":\"call-_"
                    + caller + "_" + second + "\"}");
            assertThat(again.body()).contains("caller_type\\\":\\\"known_lead")
                    .contains("\\\"name\\\":\\\"Inbound Caller " + caller).contains("last_call_status\\\":\\\"completed");
        }
    }

    private static String admin(RunningService routing, String path, String json) throws Exception {
        HttpResponse<String> response = post(routing, path, json, "Bearer " + RunningService.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static String id(String json) {
        return json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    private static void event(RunningService ingress, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingress.baseUrl()
                        + "/api/v1/webhooks/livekit/events")).header("Content-Type", "application/webhook+json")
                .header("Authorization", sign(body)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> signed(RunningService ingress, String path, String body) throws Exception {
        return post(ingress, path, body, sign(body));
    }

    private static HttpResponse<String> post(RunningService service, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As LiveKit signs: HS256 by the API key (the local dev key), with the body's SHA-256. */
    private static String sign(String body) throws Exception {
        AccessToken token = new AccessToken("devkey", "secret");
        token.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8))));
        return token.toJwt();
    }
}
