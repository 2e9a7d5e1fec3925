package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.stack.testing.RunningService;
import io.switchboard.stack.testing.SharedStack;
import io.switchboard.stack.testing.SharedStackInitializer;
import io.switchboard.stack.livekit.Callees;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's max_concurrent holds across instances: two ingress processes and the routing-service that keeps the
 * campaign (and its slots), 50 calls out asked for at once for a campaign of 5: exactly 5 dialled, 45 answered 429
 * with Retry-After; the end of one, heard by the other instance, frees its slot for the next.
 */
@IngressTest
class OutboundConcurrencyIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FakeLivekit LIVEKIT = SharedFakeLivekit.get();

    @TempDir
    Path temp;

    @Test
    void fiftyCallsAtOnceThroughTwoInstancesForACampaignOfFiveDialExactlyFive() throws Exception {
        try (RunningService routing = RunningService.start("routing-service", temp.resolve("routing"))) {
            String callerId = campaignOfFive(routing);
            String kafka = SharedStack.endpoints().kafkaBootstrapServers();
            String[] args = {"--switchboard.livekit.url=" + LIVEKIT.url(), "--switchboard.slots.routing-url=" + routing.baseUrl(),
                    "--switchboard.slots.api-key=" + RunningService.adminToken(),
                    "--switchboard.access.admin-token=" + SharedStackInitializer.ADMIN_TOKEN};
            try (IngressProcess a = IngressProcess.start(kafka, temp.resolve("spool-a"), "outbound-a", args);
                 IngressProcess b = IngressProcess.start(kafka, temp.resolve("spool-b"), "outbound-b", args)) {
                List<Integer> ports = List.of(a.awaitReady().port(), b.awaitReady().port());
                ports.forEach(port -> await().atMost(Duration.ofSeconds(30)).until(() -> routes(port, callerId)));
                String prefix = "+1917" + String.format("%03d", (int) (System.nanoTime() % 1000));

                List<HttpResponse<String>> answers = IntStream.range(0, 50)
                        .mapToObj(i -> place(ports.get(i % 2), prefix + String.format("%04d", i), callerId)).toList()
                        .stream().map(CompletableFuture::join).toList();

                assertThat(answers.stream().filter(r -> r.statusCode() == 202)).hasSize(5);
                assertThat(answers.stream().filter(r -> r.statusCode() == 429)).hasSize(45).allSatisfy(r -> {
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(r.body()).contains("\"error\":\"campaign_busy\"");
                });
                List<CreateSIPParticipantRequest> dialled = await().atMost(Duration.ofSeconds(20)).until(
                        () -> dialledFrom(prefix), d -> d.size() == 5);

                CreateSIPParticipantRequest first = dialled.getFirst();
                String departure = Callees.event("participant_left", first, "EV_c" + first.getRoomName(), 1795000300);
                HttpResponse<String> ended = post(ports.get(1), "/api/v1/webhooks/livekit/events", departure,
                        Livekit.sign(departure), "application/webhook+json").join();
                assertThat(ended.body()).contains("call_ended");
                await().atMost(Duration.ofSeconds(20)).until(() -> place(ports.get(0), prefix + "9999", callerId).join()
                        .statusCode() == 202);
                assertThat(place(ports.get(1), prefix + "9998", callerId).join().statusCode()).isEqualTo(429);
            }
        }
    }

    /** Through routing-service's API: a trunk LiveKit has, a campaign limited to 5 using it, and a number of it. */
    private static String campaignOfFive(RunningService routing) throws Exception {
        String trunk = "ST_conc_" + UUID.randomUUID().toString().substring(0, 6);
        LIVEKIT.outboundTrunk(trunk);
        String agent = "closer-" + UUID.randomUUID().toString().substring(0, 6);
        create(routing, "/api/v1/agents", "{\"name\":\"" + agent + "\"}");
        String tenant = create(routing, "/api/v1/tenants", "{\"name\":\"t-" + UUID.randomUUID() + "\"}");
        String trunkId = create(routing, "/api/v1/sip-trunks", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"main\","
                + "\"livekit_trunk_id\":\"" + trunk + "\"}");
        String campaign = create(routing, "/api/v1/campaigns", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"renewals\","
                + "\"agent_name\":\"" + agent + "\",\"max_concurrent\":5,\"sip_trunk_id\":\"" + trunkId + "\"}");
        String number = RoutingEntries.freshNumber();
        create(routing, "/api/v1/phone-numbers", "{\"number\":\"" + number + "\",\"tenant_id\":\"" + tenant
                + "\",\"campaign_id\":\"" + campaign + "\"}");
        return number;
    }

    private static String create(RunningService routing, String path, String json) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(routing.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + RunningService.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return created.body().replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
    }

    /** The instance routes the caller id's calls out through the campaign's trunk (the dry run shows its campaign). */
    private static boolean routes(int port, String callerId) {
        String body = "{\"to_number\":\"" + callerId + "\",\"from_number\":\"+15550000000\"}";
        return post(port, "/api/v1/webhooks/test", body, "Bearer " + SharedStackInitializer.ADMIN_TOKEN, "application/json")
                .join().body().contains("\"routing\":\"campaign\"");
    }

    private static List<CreateSIPParticipantRequest> dialledFrom(String prefix) {
        return LIVEKIT.dialled().stream().filter(d -> d.getSipCallTo().startsWith(prefix)).toList();
    }

    private static CompletableFuture<HttpResponse<String>> place(int port, String to, String from) {
        return post(port, "/api/v1/calls", "{\"to_number\":\"" + to + "\",\"from_number\":\"" + from + "\"}",
                "Bearer " + SharedStackInitializer.ADMIN_TOKEN, "application/json");
    }

    private static CompletableFuture<HttpResponse<String>> post(int port, String path, String body, String authorization,
                                                                 String type) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", type)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
