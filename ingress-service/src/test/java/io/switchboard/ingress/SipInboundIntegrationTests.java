package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.CallStarted;
import io.switchboard.events.Topics;
import io.switchboard.ingress.delivery.DurableEmitter;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.stack.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.ObjectMapper;

/** sip-inbound: routing from the table, signatures, bad input, and exactly one durable call.started. */
@IngressTest
class SipInboundIntegrationTests {
    private static final String CALLER = "+15551234567";

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    RoutingTable table;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObjectMapper json;

    @Autowired
    DurableEmitter emitter;

    @Test
    void eachRoutingRuleAnswersWithItsAgentAndRecordsItInTheMetadata() throws Exception {
        String campaignNumber = RoutingEntries.freshNumber();
        String tenantNumber = RoutingEntries.freshNumber();
        var campaign = RoutingEntries.entry(campaignNumber, "sales-agent", "campaign").setCampaignId("c-1")
                .setAgentConfig(RoutingEntries.voice("sonic-en")).build();
        RoutingEntries.publish(kafka, campaign);
        RoutingEntries.publish(kafka, RoutingEntries.entry(tenantNumber, "front-desk", "tenant_default").build());
        awaitInTable(campaignNumber, tenantNumber);

        Map<String, Object> answer = answer(callId(), campaignNumber);
        assertThat(answer.get("agent_name")).isEqualTo("sales-agent");
        assertThat(answer.get("attributes")).isEqualTo(Map.of("inbound", "true", "phone_number", campaignNumber,
                "caller", CALLER));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = json.readValue((String) answer.get("metadata"), Map.class);
        assertThat(metadata).containsEntry("routing", "campaign").containsEntry("call_type", "inbound")
                .containsEntry("tenant_id", campaign.getTenantId()).containsEntry("campaign_id", "c-1")
                .containsEntry("phone_number_id", campaign.getPhoneNumberId()).containsEntry("from_number", CALLER)
                .containsEntry("to_number", campaignNumber).containsEntry("tts_voice", "sonic-en")
                .containsEntry("routing_entry_version", (Object) campaign.getVersion());

        assertThat(answer(callId(), tenantNumber)).containsEntry("agent_name", "front-desk");
        Map<String, Object> unknown = answer(callId(), RoutingEntries.freshNumber());
        assertThat(unknown.get("agent_name")).isEqualTo("telephony-agent");
        assertThat((String) unknown.get("metadata")).contains("\"routing\":\"unknown_number\"");
    }

    @Test
    void aRemovedNumberNoLongerRoutes() throws Exception {
        String number = RoutingEntries.freshNumber();
        RoutingEntries.publish(kafka, RoutingEntries.entry(number, "sales-agent", "campaign").build());
        awaitInTable(number);
        RoutingEntries.remove(kafka, number);
        await().atMost(Duration.ofSeconds(5)).until(() -> table.lookup(number).isEmpty());
        assertThat(answer(callId(), number)).containsEntry("agent_name", "telephony-agent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 (619) %s-%s", "619%s%s", "tel:+1619%s%s", "sip:+1619%s%s@sip.example.com"})
    void theCalledNumberIsReadInEveryCommonForm(String form) throws Exception {
        String number = RoutingEntries.freshNumber();
        RoutingEntries.publish(kafka, RoutingEntries.entry(number, "forms-agent", "campaign").build());
        awaitInTable(number);
        String local = number.substring(5);
        String to = form.formatted(local.substring(0, 3), local.substring(3));
        assertThat(answer(callId(), to)).containsEntry("agent_name", "forms-agent");
    }

    @Test
    void aRepeatedCallIdGetsTheSameAnswerAndOneEvent() {
        String callId = callId();
        String room = "call-" + callId;
        String body = Livekit.sipInboundBody(callId, CALLER, RoutingEntries.freshNumber(), room);
        double startedBefore = started("sip_inbound", "unknown_number");
        Map<?, ?> first = Livekit.sipInbound(client, body).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> second = Livekit.sipInbound(client, body).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(second).isEqualTo(first);
        assertThat(started("sip_inbound", "unknown_number")).as("calls started, by edge and rule").isEqualTo(startedBefore + 1);

        List<ConsumerRecord<String, CallStarted>> events = await().atMost(Duration.ofSeconds(20))
                .until(() -> eventsFor(callId), found -> !found.isEmpty());
        assertThat(events).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(room);
            assertThat(r.value().getEventId()).isEqualTo(UUID.nameUUIDFromBytes(("call.started/" + callId).getBytes()).toString());
            assertThat(r.value().getFromNumber()).isEqualTo(CALLER);
            assertThat(r.value().getTrunkId()).isEqualTo("ST_trunk1");
            assertThat(r.value().getOccurredAt().toString()).isEqualTo("2026-11-21T10:15:30.250Z");
            assertThat(r.value().getSource().name()).isEqualTo("sip_inbound");
        });
    }

    @Test
    void signaturesAreVerifiedAgainstTheRawBody() {
        String body = Livekit.sipInboundBody(callId(), CALLER, RoutingEntries.freshNumber(), "room-sig");
        post(body, "X-LiveKit-Signature", Livekit.sign(body)).expectStatus().isOk();
        post(body, "Authorization", "Bearer " + Livekit.sign(body)).expectStatus().isOk();

        String other = Livekit.sipInboundBody(callId(), CALLER, RoutingEntries.freshNumber(), "room-sig");
        assertUnauthorized(post(other, "Authorization", Livekit.sign(other, Livekit.KEY, "not-the-secret")));
        assertUnauthorized(post(other, "Authorization", Livekit.sign(other, "other-key", Livekit.SECRET)));
        assertUnauthorized(post(other, "Authorization", Livekit.expired(other)));
        assertUnauthorized(post(other, "Authorization", Livekit.sign(other.replace("room-sig", "room-sih"))));
        assertUnauthorized(client.post().uri("/api/v1/webhooks/livekit/sip-inbound").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(other).exchange());
        assertThat(eventsFor(idIn(other))).isEmpty();
    }

    @Test
    void badInputIsA4xxNamingTheProblemAndEmitsNothing() {
        double before = errorsCounted();
        String callId = callId();
        assertError(signed("{\"call_id\": \"" + callId + "\", "), 400, "malformed_json", "not valid JSON");
        assertError(signed("{\"call_id\":\"" + callId + "\",\"from_number\":\"" + CALLER + "\",\"room_name\":\"r\"}"),
                400, "missing_field", "'to_number'");
        assertError(signed("{\"call_id\":\"" + callId + "\",\"from_number\":\"" + CALLER + "\",\"to_number\":\"banana\","
                + "\"room_name\":\"r\"}"), 400, "invalid_phone_number", "'to_number'");
        assertError(signed("{\"call_id\":{\"nested\":1},\"from_number\":\"" + CALLER + "\",\"to_number\":\"+16195550100\","
                + "\"room_name\":\"r\"}"), 400, "invalid_field", "'call_id'");
        String huge = "{\"call_id\":\"" + callId + "\",\"padding\":\"" + "x".repeat(70_000) + "\"}";
        assertError(signed(huge), 413, "payload_too_large", "larger");
        // the same body sent in chunks, with no length declared: cut off at the limit while reading
        var chunks = reactor.core.publisher.Flux.range(0, 8).map(i -> huge.substring(i * huge.length() / 8,
                (i + 1) * huge.length() / 8));
        assertError(client.post().uri("/api/v1/webhooks/livekit/sip-inbound").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", Livekit.sign(huge)).body(chunks, String.class).exchange(),
                413, "payload_too_large", "larger");
        String body = Livekit.sipInboundBody(callId, CALLER, "+16195550100", "r");
        assertError(client.post().uri("/api/v1/webhooks/livekit/sip-inbound").contentType(MediaType.TEXT_PLAIN)
                .header("Authorization", Livekit.sign(body)).bodyValue(body).exchange(), 415, "unsupported_media_type", "");

        assertThat(errorsCounted() - before).isGreaterThanOrEqualTo(6);
        assertThat(eventsFor(callId)).isEmpty();
    }

    @Test
    void answersAreTimedByStatusAndOtherMethodsAreRefused() {
        long before = answersTimed(200);
        Livekit.sipInbound(client, Livekit.sipInboundBody(callId(), CALLER, RoutingEntries.freshNumber(), "room-timed"))
                .expectStatus().isOk();
        assertThat(answersTimed(200)).isEqualTo(before + 1);
        client.get().uri("/api/v1/webhooks/livekit/sip-inbound?x=1").exchange()
                .expectHeader().valueEquals("Allow", "POST");
        assertError(client.get().uri("/api/v1/webhooks/livekit/sip-inbound?x=1").exchange(), 405,
                "method_not_allowed", "send POST");
    }

    private long answersTimed(int status) {
        var timer = meters.find("switchboard.ingress.sip_inbound").tag("status", String.valueOf(status)).timer();
        return timer == null ? 0 : timer.count();
    }

    /** Spring stops the lifecycle of a test context it pauses and starts it again when the context is reused. */
    @Test
    void anEmitterStoppedAndStartedAgainStillMakesEventsDurable() {
        emitter.stop();
        emitter.start();
        String callId = callId();
        Livekit.sipInbound(client, Livekit.sipInboundBody(callId, CALLER, RoutingEntries.freshNumber(), "room-" + callId))
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(callId).size() == 1);
    }

    @Test
    void theDryRunRoutesWithoutEmitting() throws Exception {
        String number = RoutingEntries.freshNumber();
        RoutingEntries.publish(kafka, RoutingEntries.entry(number, "dry-agent", "tenant_default").build());
        awaitInTable(number);
        double emitted = eventsCounted();
        io.switchboard.platform.Credentials.admin(client).post().uri("/api/v1/webhooks/test").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to_number", number, "from_number", CALLER)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.agent_name").isEqualTo("dry-agent").jsonPath("$.routing").isEqualTo("tenant_default");
        assertThat(eventsCounted()).as("events emitted by the dry run").isEqualTo(emitted);
        assertThat(TopicReader.readAll(Topics.CALL_STARTED)).noneMatch(r -> r.value().getToNumber().equals(number));
        client.get().uri("/api/v1/webhooks/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private Map<String, Object> answer(String callId, String to) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = Livekit.sipInbound(client, Livekit.sipInboundBody(callId, CALLER, to, "call-" + callId))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return body;
    }

    private WebTestClient.ResponseSpec post(String body, String header, String token) {
        return client.post().uri("/api/v1/webhooks/livekit/sip-inbound").contentType(MediaType.APPLICATION_JSON)
                .header(header, token).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec signed(String body) {
        return post(body, "Authorization", Livekit.sign(body));
    }

    private double started(String source, String rule) {
        var counter = meters.find("switchboard.ingress.calls.started").tag("source", source).tag("routing", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertUnauthorized(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("unauthorized");
    }

    private static void assertError(WebTestClient.ResponseSpec response, int status, String code, String inMessage) {
        response.expectStatus().isEqualTo(status).expectBody()
                .jsonPath("$.error").isEqualTo(code)
                .jsonPath("$.message").value(m -> assertThat((String) m).contains(inMessage));
    }

    /** Events made durable or refused, whatever the outcome. */
    private double eventsCounted() {
        return meters.find("switchboard.ingress.events").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double errorsCounted() {
        return meters.find("switchboard.http.errors").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private void awaitInTable(String... numbers) {
        await().atMost(Duration.ofSeconds(5)).until(() -> java.util.Arrays.stream(numbers)
                .allMatch(n -> table.lookup(n).isPresent()));
    }

    static List<ConsumerRecord<String, CallStarted>> eventsFor(String callId) {
        return TopicReader.readAll(Topics.CALL_STARTED).stream().filter(r -> r.value().getCallId().equals(callId)).toList();
    }

    private static String idIn(String body) {
        return body.substring(body.indexOf("\"call_id\":\"") + 11, body.indexOf("\",\"trunk_id\""));
    }

    static String callId() {
        return "SCL_" + UUID.randomUUID().toString().substring(0, 12);
    }
}
