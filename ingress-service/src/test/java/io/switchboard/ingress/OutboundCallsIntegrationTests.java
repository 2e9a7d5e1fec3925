package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.Credentials;
import io.switchboard.stack.livekit.Callees;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's backend has an agent call a phone number: 202 at once with the call's start durable, the room made with
 * the agent in it, the callee dialled through the caller id's trunk (the fake LiveKit checks the grant and records the
 * request); the answer, or busy, no answer and LiveKit's refusal, each end as the call log needs them.
 */
@IngressTest
class OutboundCallsIntegrationTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeLivekit LIVEKIT = SharedFakeLivekit.get();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    RoutingTable table;

    @Test
    void anAnsweredCallIsStartedDialledAnsweredAndEndedByTheCalleesDeparture() throws Exception {
        RoutingEntry from = callerId("ST_" + UUID.randomUUID().toString().substring(0, 8), null);
        String callee = RoutingEntries.freshNumber();
        JsonNode accepted = place(tenantAdmin(from.getTenantId()), "{\"to_number\":\"" + callee + "\",\"from_number\":\""
                + from.getPhoneNumber() + "\",\"metadata\":{\"reason\":\"renewal\"}}");

        String callId = accepted.get("call_id").asString();
        assertThat(accepted.get("status").asString()).isEqualTo("dialing");
        CallStarted started = await().atMost(Duration.ofSeconds(20))
                .until(() -> RoomEvents.<CallStarted>records(Topics.CALL_STARTED, callId), r -> r.size() == 2).getFirst();
        assertThat(started.getSource()).isEqualTo(EventSource.outbound);
        assertThat(started.getDirection()).isEqualTo("outbound");
        assertThat(started.getFromNumber()).isEqualTo(from.getPhoneNumber());
        assertThat(started.getToNumber()).isEqualTo(callee);
        assertThat(started.getAgentName()).isEqualTo("renewals-agent");
        assertThat(JSON.readTree(started.getMetadata()).at("/custom/reason").asString()).isEqualTo("renewal");
        assertThat(JSON.readTree(started.getMetadata()).get("call_type").asString()).isEqualTo("outbound");
        assertThat(RoomEvents.<CallStarted>records(Topics.CALL_STARTED, callId).get(1).getAnsweredAt()).isNotNull();

        CreateSIPParticipantRequest dialled = dialled(callee);
        assertThat(dialled.getSipTrunkId()).isEqualTo(from.getOutboundTrunkId());
        assertThat(dialled.getSipNumber()).isEqualTo(from.getPhoneNumber());
        assertThat(dialled.getRoomName()).isEqualTo(callId);
        assertThat(dialled.getWaitUntilAnswered()).isTrue();
        assertThat(dialled.getParticipantAttributesMap()).containsEntry("switchboard.call_id", callId)
                .containsEntry("switchboard.direction", "outbound");
        assertThat(LIVEKIT.dispatches(callId)).anySatisfy(d -> assertThat(d.getAgentName()).isEqualTo("renewals-agent"));

        Livekit.event(client, Callees.event("participant_joined", dialled, "EV_oj" + callId, 1795000200)).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ignored");
        Livekit.event(client, Callees.event("participant_left", dialled, "EV_ol" + callId, 1795000260)).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("call_ended");
        CallEnded ended = RoomEvents.single(Topics.CALL_ENDED, callId);
        assertThat(ended.getCallId()).isEqualTo(callId);
        assertThat(ended.getStatus()).isEqualTo("completed");
        assertThat(ended.getToNumber()).isEqualTo(callee);
    }

    @Test
    void busyNoAnswerAndARefusedDialEachEndTheCallWithWhatLivekitSaid() throws Exception {
        String trunk = "ST_" + UUID.randomUUID().toString().substring(0, 8);
        RoutingEntry from = callerId(trunk, null);
        WebTestClient backend = tenantAdmin(from.getTenantId());
        String busy = RoutingEntries.freshNumber();
        String away = RoutingEntries.freshNumber();
        LIVEKIT.calleeAnswers(busy, 486);
        LIVEKIT.calleeAnswers(away, 480);
        RoutingEntry unknownTrunk = publish(RoutingEntries.entry(RoutingEntries.freshNumber(), "renewals-agent", "campaign")
                .setTenantId(from.getTenantId()).setOutboundTrunkId("ST_livekit_never_heard_of_it").build());

        CallEnded wasBusy = ended(place(backend, body(busy, from.getPhoneNumber())));
        CallEnded noAnswer = ended(place(backend, body(away, from.getPhoneNumber())));
        CallEnded refused = ended(place(backend, body(RoutingEntries.freshNumber(), unknownTrunk.getPhoneNumber())));

        assertThat(wasBusy.getStatus()).isEqualTo("busy");
        assertThat(wasBusy.getSipCode()).isEqualTo(486);
        assertThat(noAnswer.getStatus()).isEqualTo("no_answer");
        assertThat(noAnswer.getSipCode()).isEqualTo(480);
        assertThat(refused.getStatus()).isEqualTo("failed");
        assertThat(refused.getSipCode()).isNull();
        assertThat(refused.getHangupCause()).isEqualTo("switchboard_dial_refused");
        assertThat(refused.getDisconnectReason()).contains("404");
        await().atMost(Duration.ofSeconds(10)).until(() -> !LIVEKIT.rooms().contains(wasBusy.getRoomName()));
    }

    @Test
    void badInputIsRefusedByNameAndNothingIsDialled() throws Exception {
        RoutingEntry from = callerId("ST_" + UUID.randomUUID().toString().substring(0, 8), null);
        RoutingEntry noTrunk = publish(RoutingEntries.entry(RoutingEntries.freshNumber(), "renewals-agent", "campaign")
                .setTenantId(from.getTenantId()).build());
        RoutingEntry theirs = callerId("ST_theirs", null);
        WebTestClient backend = tenantAdmin(from.getTenantId());
        int dialledBefore = LIVEKIT.dialled().size();
        String to = RoutingEntries.freshNumber();

        refused(backend, "{\"to_number\":\"" + to + "\",\"from_number\":\"" + from.getPhoneNumber()
                + "\",\"agent_name\":\"nobodys-agent\"}", 422, "agent_name");
        refused(backend, body(to, theirs.getPhoneNumber()), 422, "from_number");
        refused(backend, body(to, noTrunk.getPhoneNumber()), 422, "outbound trunk");
        refused(backend, body("12", from.getPhoneNumber()), 400, "to_number");
        refused(backend, "{\"to_number\":\"" + to + "\"}", 400, "from_number or campaign_id");
        refused(backend, "{\"from_number\":\"" + from.getPhoneNumber() + "\"}", 400, "to_number");

        assertThat(LIVEKIT.dialled()).hasSize(dialledBefore);
        assertThat(RoomEvents.<CallStarted>records(Topics.CALL_STARTED, "").stream()).isEmpty();
    }

    @Test
    void aCampaignPlacesItsCallsFromOneOfItsNumbers() throws Exception {
        String campaign = "camp-" + UUID.randomUUID();
        RoutingEntry from = callerId("ST_" + UUID.randomUUID().toString().substring(0, 8), campaign);
        String callee = RoutingEntries.freshNumber();

        JsonNode accepted = place(tenantAdmin(from.getTenantId()),
                "{\"to_number\":\"" + callee + "\",\"campaign_id\":\"" + campaign + "\",\"agent_name\":\"telephony-agent\"}");

        assertThat(accepted.get("from_number").asString()).isEqualTo(from.getPhoneNumber());
        assertThat(accepted.get("agent_name").asString()).isEqualTo("telephony-agent");
        assertThat(dialled(callee).getSipNumber()).isEqualTo(from.getPhoneNumber());
    }

    private RoutingEntry callerId(String trunk, String campaign) throws Exception {
        LIVEKIT.outboundTrunk(trunk);
        RoutingEntry.Builder entry = RoutingEntries.entry(RoutingEntries.freshNumber(), "renewals-agent", "campaign")
                .setOutboundTrunkId(trunk);
        return publish((campaign == null ? entry : entry.setCampaignId(campaign)).build());
    }

    private RoutingEntry publish(RoutingEntry entry) throws Exception {
        RoutingEntries.publish(kafka, entry);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.lookup(entry.getPhoneNumber())
                .filter(e -> e.getVersion() == entry.getVersion()).isPresent());
        return entry;
    }

    private static String body(String to, String from) {
        return "{\"to_number\":\"" + to + "\",\"from_number\":\"" + from + "\"}";
    }

    private static CallEnded ended(JsonNode accepted) {
        return RoomEvents.single(Topics.CALL_ENDED, accepted.get("call_id").asString());
    }

    private static CreateSIPParticipantRequest dialled(String callee) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> LIVEKIT.dialled().stream()
                .filter(d -> d.getSipCallTo().equals(callee)).toList(), l -> l.size() == 1).getFirst();
    }

    private WebTestClient tenantAdmin(String tenant) {
        WebTestClient key = Credentials.as(client, Credentials.publishKey(tenant, "admin"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> key.post().uri("/api/v1/calls")
                .header("Content-Type", "application/json").bodyValue("{}").exchange().expectStatus().isBadRequest());
        return key;
    }

    private static JsonNode place(WebTestClient backend, String body) {
        return JSON.readTree(backend.post().uri("/api/v1/calls").header("Content-Type", "application/json")
                .bodyValue(body).exchange().expectStatus().isAccepted().expectBody(String.class).returnResult()
                .getResponseBody());
    }

    private static void refused(WebTestClient backend, String body, int status, String naming) {
        backend.post().uri("/api/v1/calls").header("Content-Type", "application/json").bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody().jsonPath("$.error").exists()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains(naming));
    }
}
