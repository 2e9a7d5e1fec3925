package io.switchboard.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.RunningService;
import io.switchboard.stack.livekit.LivekitWebhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A web call from its token at a running ingress, through the browser's join and departure, to its call log here. */
@ServiceIntegrationTest
class WebCallEndToEndIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WebTestClient calllog;

    @TempDir
    Path data;

    @Test
    void aWebCallEndsAsACompletedCallLogWithDirectionWeb() throws Exception {
        try (RunningService ingress = RunningService.start("ingress-service", data,
                Map.of("LIVEKIT_PUBLIC_URL", "wss://livekit.example.invalid"))) {
            String tenant = UUID.randomUUID().toString();
            HttpResponse<String> issued = post(ingress, "/api/v1/web-calls", "{\"agent_name\":\"web-agent\",\"tenant_id\":\""
                    + tenant + "\",\"caller_identity\":\"visitor-e2e\"}", "Bearer " + RunningService.adminToken());
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            assertThat(issued.body()).contains("\"server_url\":\"wss://livekit.example.invalid\"");
            String callId = issued.body().replaceAll(".*\"call_id\":\"([^\"]+)\".*", "$1");

            Instant joined = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
            String participant = "\"participant\":{\"sid\":\"PA_w\", \"identity\":\"visitor-e2e\", \"kind\":\"STANDARD\", "
                    + "\"joinedAt\":\"" + joined.getEpochSecond() + "\", \"attributes\":{\"switchboard.call_id\":\"" + callId
                    + "\", \"switchboard.agent\":\"web-agent\", \"switchboard.routing\":\"requested_agent\", "
                    + "\"switchboard.tenant_id\":\"" + tenant + "\"}%s}";
            String room = "\"room\":{\"sid\":\"RM_w\", \"name\":\"" + callId + "\"}";
            event(ingress, "{\"event\":\"participant_joined\", " + room + ", " + participant.formatted("") + ", \"id\":\"EV_j"
                    + callId + "\", \"createdAt\":\"" + joined.getEpochSecond() + "\"}");
            event(ingress, "{\"event\":\"participant_left\", " + room + ", "
                    + participant.formatted(", \"disconnectReason\":\"CLIENT_INITIATED\"") + ", \"id\":\"EV_l" + callId
                    + "\", \"createdAt\":\"" + (joined.getEpochSecond() + 45) + "\"}");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> Credentials.admin(calllog).get()
                    .uri("/api/v1/call-logs/" + callId).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("completed").jsonPath("$.direction").isEqualTo("web")
                    .jsonPath("$.source").isEqualTo("web").jsonPath("$.duration_seconds").isEqualTo(45)
                    .jsonPath("$.tenant_id").isEqualTo(tenant).jsonPath("$.from_number").isEqualTo("web:visitor-e2e")
                    .jsonPath("$.agent_name").isEqualTo("web-agent"));
        }
    }

    private static void event(RunningService ingress, String body) throws Exception {
        HttpResponse<String> response = post(ingress, "/api/v1/webhooks/livekit/events", body,
                LivekitWebhooks.sign(body, "devkey", "secret"), "application/webhook+json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> post(RunningService service, String path, String body, String authorization)
            throws Exception {
        return post(service, path, body, authorization, "application/json");
    }

    private static HttpResponse<String> post(RunningService service, String path, String body, String authorization,
                                             String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).header("Content-Type", type)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
