package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A campaign's max_concurrent is a hard limit on the slots its calls hold, however many ask at once. */
@RoutingServiceTest
class CampaignSlotsIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    RoutingApi api() {
        return new RoutingApi(client);
    }

    @Test
    void fiftyCallsAtOnceForACampaignOfFiveTakeExactlyFiveSlots() {
        String campaign = campaign(5);

        List<HttpResponse<String>> answers = IntStream.range(0, 50)
                .mapToObj(i -> take(campaign, "call-" + UUID.randomUUID(), null)).toList()
                .stream().map(CompletableFuture::join).toList();

        assertThat(answers.stream().filter(a -> a.statusCode() == 201)).hasSize(5);
        assertThat(answers.stream().filter(a -> a.statusCode() == 429)).hasSize(45).allSatisfy(a -> {
            assertThat(a.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(a.body()).contains("\"error\":\"campaign_busy\"").contains("5 concurrent calls");
        });
    }

    @Test
    void anEndFreesItsSlotARetryTakesNoSecondAndALapsedSlotCountsNoMore() {
        String campaign = campaign(2);
        assertThat(take(campaign, "a", null).join().statusCode()).isEqualTo(201);
        assertThat(take(campaign, "a", null).join().statusCode()).as("the same call again renews its slot").isEqualTo(201);
        assertThat(take(campaign, "b", 1L).join().statusCode()).isEqualTo(201);
        assertThat(take(campaign, "c", null).join().statusCode()).isEqualTo(429);

        await().atMost(Duration.ofSeconds(10)).until(() -> take(campaign, "c", null).join().statusCode() == 201);
        assertThat(take(campaign, "d", null).join().statusCode()).isEqualTo(429);

        api().delete("/api/v1/campaigns/" + campaign + "/slots/a").expectStatus().isNoContent();
        api().delete("/api/v1/campaigns/" + campaign + "/slots/a").expectStatus().isNoContent();
        assertThat(take(campaign, "d", null).join().statusCode()).isEqualTo(201);
    }

    @Test
    void aCampaignWithoutALimitAlwaysHasASlotAndAnUnknownOneIsNotFound() {
        String unlimited = campaign(null);
        assertThat(IntStream.range(0, 20).map(i -> take(unlimited, "u" + i, null).join().statusCode()))
                .containsOnly(201);
        assertThat(take(UUID.randomUUID().toString(), "x", null).join().statusCode()).isEqualTo(404);
        assertThat(take(unlimited, "x", 0L).join().body()).contains("hold_seconds");
    }

    private String campaign(Integer maxConcurrent) {
        String tenant = api().tenant(null);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("tenant_id", tenant, "name", RoutingApi.unique("c")));
        if (maxConcurrent != null) {
            body.put("max_concurrent", maxConcurrent);
        }
        return api().create("/api/v1/campaigns", body);
    }

    private CompletableFuture<HttpResponse<String>> take(String campaign, String callId, Long holdSeconds) {
        String json = "{\"call_id\":\"" + callId + "\"" + (holdSeconds == null ? "" : ",\"hold_seconds\":" + holdSeconds) + "}";
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/campaigns/" + campaign
                                + "/slots")).header("Authorization", "Bearer " + RoutingApi.TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
