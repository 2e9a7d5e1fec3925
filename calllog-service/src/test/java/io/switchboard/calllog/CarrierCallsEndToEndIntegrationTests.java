package io.switchboard.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.platform.Credentials;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.RunningService;
import io.switchboard.stack.testing.telnyx.FakeTelnyx;
import io.switchboard.stack.testing.telnyx.TelnyxSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls through the carriers' own call control, from their signed webhooks at a running ingress to the call logs here:
 * a Telnyx call answered and hung up (every webhook delivered twice), a Telnyx call the callee found busy, and a
 * SignalWire call asking for its SWML.
 */
@ServiceIntegrationTest
class CarrierCallsEndToEndIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TelnyxSigner TELNYX = new TelnyxSigner();
    private static final String SIGNALWIRE_KEY = "PSK_e2e_signing_key";

    @Autowired
    WebTestClient calllog;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @TempDir
    Path data;

    @Test
    void carrierCallsEndInCallLogsWithTheCarriersTimesAndCauses() throws Exception {
        try (FakeTelnyx telnyx = FakeTelnyx.start("KEY_e2e");
             RunningService ingress = RunningService.start("ingress-service", data, Map.of("TELNYX_PUBLIC_KEY",
                     TELNYX.publicKey(), "TELNYX_API_KEY", "KEY_e2e", "TELNYX_API_URL", telnyx.url(),
                     "LIVEKIT_SIP_URI", "sip:e2e.sip.livekit.invalid", "SIGNALWIRE_SIGNING_KEY", SIGNALWIRE_KEY))) {
            String number = "+1858" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode()) % 10_000_000);
            String caller = "+1555" + String.format("%07d", Math.abs(UUID.randomUUID().hashCode()) % 10_000_000);
            String campaign = "campaign-" + UUID.randomUUID();
            route(number, campaign);
            await().atMost(Duration.ofSeconds(30)).until(() -> post(ingress, "/api/v1/webhooks/test",
                    "{\"to_number\":\"" + number + "\",\"from_number\":\"" + caller + "\"}", "application/json",
                    Map.of("Authorization", "Bearer " + RunningService.adminToken())).body().contains("e2e-agent"));

            Instant start = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
            String answeredLeg = UUID.randomUUID().toString();
            for (String webhook : new String[]{initiated(answeredLeg, caller, number, start),
                    event("call.answered", answeredLeg, caller, number, start.plusSeconds(2), ""),
                    event("call.hangup", answeredLeg, caller, number, start.plusSeconds(62), hangup("normal_clearing", "caller", "200"))}) {
                telnyx(ingress, webhook);
                telnyx(ingress, webhook);
            }
            String busyLeg = UUID.randomUUID().toString();
            telnyx(ingress, initiated(busyLeg, caller, number, start.plusSeconds(100)));
            telnyx(ingress, event("call.hangup", busyLeg, caller, number, start.plusSeconds(104), hangup("user_busy", "callee", "486")));
            String signalwireCall = UUID.randomUUID().toString();
            String url = ingress.baseUrl() + "/api/v1/webhooks/signalwire/swml?call_id=" + signalwireCall + "&from="
                    + caller.replace("+", "%2B") + "&to=" + number.replace("+", "%2B");
            HttpResponse<String> swml = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-SignalWire-Signature",
                    Base64.getEncoder().encodeToString(hmac(url))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(swml.statusCode()).as(swml.body()).isEqualTo(200);

            WebTestClient admin = Credentials.admin(calllog);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get().uri("/api/v1/call-logs/" + answeredLeg)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("completed").jsonPath("$.source").isEqualTo("telnyx")
                    .jsonPath("$.started_at").isEqualTo(start.toString())
                    .jsonPath("$.answered_at").isEqualTo(start.plusSeconds(2).toString())
                    .jsonPath("$.duration_seconds").isEqualTo(60).jsonPath("$.hangup_cause").isEqualTo("normal_clearing")
                    .jsonPath("$.hangup_source").isEqualTo("caller").jsonPath("$.sip_code").isEqualTo(200)
                    .jsonPath("$.room_name").isEqualTo("telnyx_call_" + answeredLeg));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get().uri("/api/v1/call-logs/" + busyLeg)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("busy").jsonPath("$.sip_code").isEqualTo(486)
                    .jsonPath("$.answered_at").doesNotExist());
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get().uri("/api/v1/call-logs/" + signalwireCall)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.source").isEqualTo("signalwire").jsonPath("$.status").isEqualTo("ringing"));
            admin.get().uri("/api/v1/leads?number={n}&campaign_id={c}", caller, campaign).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].attempts").isEqualTo(3);
            assertThat(telnyx.commands()).filteredOn(c -> c.action().equals("answer")).hasSize(2);
        }
    }

    private void route(String number, String campaign) throws Exception {
        Instant now = Instant.now();
        kafka.send(Topics.ROUTING_ENTRIES.name(), number, RoutingEntry.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now).setReceivedAt(now).setSource(EventSource.routing_service).setVersion(1)
                .setPhoneNumber(number).setPhoneNumberId(UUID.randomUUID().toString())
                .setTenantId(UUID.randomUUID().toString()).setTenantName("e2e").setCampaignId(campaign)
                .setAgentName("e2e-agent").setRoutingRule("campaign").setProvider("TELNYX").build()).get();
    }

    private static String initiated(String leg, String from, String to, Instant at) {
        return event("call.initiated", leg, from, to, at, "\"direction\":\"incoming\",\"state\":\"parked\",");
    }

    private static String hangup(String cause, String source, String sip) {
        return "\"hangup_cause\":\"" + cause + "\",\"hangup_source\":\"" + source + "\",\"sip_hangup_cause\":\"" + sip + "\",";
    }

    /** A Telnyx v2 Call Control webhook; the id is derived from the leg and type, so a repeat is the same webhook. */
    private static String event(String type, String leg, String from, String to, Instant at, String fields) {
        String state = type.equals("call.initiated") ? ""
                : "\"client_state\":\"" + Base64.getEncoder().encodeToString(("switchboard:" + leg).getBytes(StandardCharsets.UTF_8)) + "\",";
        return "{\"data\":{\"record_type\":\"event\",\"event_type\":\"" + type + "\",\"id\":\""
                + UUID.nameUUIDFromBytes((type + leg).getBytes(StandardCharsets.UTF_8)) + "\",\"occurred_at\":\"" + at
                + "\",\"payload\":{\"call_control_id\":\"v3:" + leg + "\",\"call_leg_id\":\"" + leg + "\",\"call_session_id\":\""
                + leg + "\"," + state + fields + "\"start_time\":\"" + at + "\",\"end_time\":\"" + at + "\",\"from\":\"" + from
                + "\",\"to\":\"" + to + "\"}},\"meta\":{\"attempt\":1}}";
    }

    private static void telnyx(RunningService ingress, String body) throws Exception {
        HttpResponse<String> response = post(ingress, "/api/v1/webhooks/telnyx", body, "application/json",
                TELNYX.headers(body, Instant.now().getEpochSecond()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> post(RunningService service, String path, String body, String type,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SIGNALWIRE_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    }
}
