package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every request is answered, however the ones before it on the same connection ended. Refused requests (wrong key,
 * read-only key, no key) mixed with accepted ones, over one kept-alive JDK client: on Reactor Netty 1.3.6 a request
 * after one that completed at once waited for ever within a few hundred rounds (reactor-netty#4361; 1.3.8 mends it).
 */
@RoutingServiceTest
class RoutingErrorAnswersIntegrationTests {
    private static final int ROUNDS = 1_500;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void refusedRequestsNeverStallTheRequestsAfterThem() throws Exception {
        RoutingApi api = new RoutingApi(client);
        String tenant = api.tenant(null);
        String key = (String) api.post("/api/v1/api-keys", Map.of("name", "reader", "tenant_id", tenant, "role", "read"))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("key");
        String agentName = RoutingApi.unique("kept-alive");
        String agent = api.agent(agentName);
        await().atMost(Duration.ofSeconds(20)).until(() -> send("GET", "/api/v1/tenants/" + tenant, key, null) == 200);

        for (int i = 0; i < ROUNDS; i++) {
            assertThat(send("GET", "/actuator/prometheus", key, null)).isEqualTo(403);
            assertThat(send("POST", "/api/v1/agents", key, "{\"name\":\"refused-" + i + "\"}")).isEqualTo(403);
            assertThat(send("GET", "/v3/api-docs", null, null)).isEqualTo(401);
            // an accepted write whose body is read, and which leaves no new rows for other classes to page through
            assertThat(send("PUT", "/api/v1/agents/" + agent, RoutingApi.TOKEN, "{\"name\":\"" + agentName + "\"}"))
                    .isEqualTo(200);
            assertThat(send("DELETE", "/api/v1/phone-numbers/" + UUID.randomUUID(), key, null)).isEqualTo(403);
            assertThat(send("GET", "/actuator/health/readiness", null, null)).isEqualTo(200);
        }
    }

    private int send(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(ANSWER_WITHIN).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer to " + method + " " + path + " within " + ANSWER_WITHIN, e);
        }
    }
}
