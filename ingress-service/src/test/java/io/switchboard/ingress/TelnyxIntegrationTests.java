package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.Credentials;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import io.switchboard.stack.testing.telnyx.FakeTelnyx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import io.switchboard.stack.testing.SharedStackInitializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A Telnyx call end to end at the ingress: its signed webhooks start it (room with the agent, answer, transfer to
 * LiveKit's SIP URI), answer it and end it with Telnyx's cause; repeats change nothing; a bridge Telnyx refuses ends
 * the call as failed; the bridge leg's own webhooks are not the caller's.
 */
@IngressTest
@ContextConfiguration(initializers = {SharedStackInitializer.class, CarrierEdges.class})
class TelnyxIntegrationTests {
    private static final String CALLER = "+15550001111";
    private final FakeLivekit livekit = SharedFakeLivekit.get();
    private final FakeTelnyx telnyx = CarrierEdges.telnyx();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    RoutingTable table;

    @Test
    void aWholeCallIsBridgedIntoItsRoomAndEndsWithTelnyxsCause() {
        TelnyxCall call = new TelnyxCall(CALLER, RoutingEntries.freshNumber());
        TelnyxCall.post(client, call.initiated()).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("call_started");

        CallStarted started = RoomEvents.single(Topics.CALL_STARTED, call.room());
        assertThat(started.getSource()).isEqualTo(EventSource.telnyx);
        assertThat(started.getCallId()).isEqualTo(call.leg);
        assertThat(started.getOccurredAt()).isEqualTo(TelnyxCall.START);
        assertThat(livekit.rooms()).contains(call.room());
        assertThat(livekit.dispatches(call.room())).singleElement()
                .satisfies(d -> assertThat(d.getAgentName()).isEqualTo("telephony-agent"));
        List<FakeTelnyx.Command> commands = telnyx.commands(call.controlId);
        assertThat(commands).extracting(FakeTelnyx.Command::action).containsExactly("answer", "transfer");
        assertThat(commands).allSatisfy(c -> assertThat(c.body().get("client_state").asText()).isEqualTo(call.ourState()));
        assertThat(commands.get(1).body().get("to").asText()).isEqualTo("sip:" + call.room() + "@" + CarrierEdges.SIP_HOST);

        Instant answeredAt = TelnyxCall.START.plusSeconds(2);
        TelnyxCall.post(client, call.answered(answeredAt)).expectStatus().isOk();
        CallStarted answered = await().atMost(Duration.ofSeconds(20)).until(() -> RoomEvents.records(Topics.CALL_STARTED, call.room()),
                r -> r.size() == 2).get(1);
        assertThat(answered.getAnsweredAt()).isEqualTo(answeredAt);
        assertThat(answered.getDispatch()).isEqualTo("room_config");

        TelnyxCall.post(client, call.hangup(answeredAt.plusSeconds(61), "normal_clearing", "caller", "200"))
                .expectStatus().isOk();
        CallEnded ended = RoomEvents.single(Topics.CALL_ENDED, call.room());
        assertThat(ended.getStatus()).isEqualTo("completed");
        assertThat(ended.getHangupCause()).isEqualTo("normal_clearing");
        assertThat(ended.getHangupSource()).isEqualTo("caller");
        assertThat(ended.getSipCode()).isEqualTo(200);
        assertThat(ended.getOccurredAt()).isEqualTo(answeredAt.plusSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> !livekit.rooms().contains(call.room()));
    }

    @ParameterizedTest(name = "{0} ({2}) → {3}")
    @CsvSource({"user_busy, callee, 486, busy", "timeout, callee, 408, no_answer", "originator_cancel, caller, 487, canceled",
            "unspecified, unknown, 486, busy", "call_rejected, callee, 603, failed"})
    void aHangupBeforeTheAnswerSaysWhy(String cause, String source, String sip, String status) {
        TelnyxCall call = new TelnyxCall(CALLER, RoutingEntries.freshNumber());
        TelnyxCall.post(client, call.initiated()).expectStatus().isOk();
        TelnyxCall.post(client, call.hangup(TelnyxCall.START.plusSeconds(9), cause, source, sip)).expectStatus().isOk();

        CallEnded ended = RoomEvents.single(Topics.CALL_ENDED, call.room());
        assertThat(ended.getStatus()).isEqualTo(status);
        assertThat(ended.getHangupCause()).isEqualTo(cause);
        assertThat(ended.getSipCode()).isEqualTo(Integer.parseInt(sip));
    }

    @Test
    void everyWebhookDeliveredTwiceGivesOneRoomOneAnswerAndTheSameEvents() {
        TelnyxCall call = new TelnyxCall(CALLER, RoutingEntries.freshNumber());
        String initiated = call.initiated();
        long roomsBefore = livekit.calls("RoomService/CreateRoom");
        IntStream.range(0, 3).parallel().forEach(i -> TelnyxCall.post(client, initiated).expectStatus().isOk());
        TelnyxCall.post(client, initiated).expectStatus().isOk();
        String hangup = call.hangup(TelnyxCall.START.plusSeconds(30), "normal_clearing", "caller", "200");
        TelnyxCall.post(client, hangup).expectStatus().isOk();
        TelnyxCall.post(client, hangup).expectStatus().isOk();

        RoomEvents.single(Topics.CALL_ENDED, call.room());
        assertThat(RoomEvents.records(Topics.CALL_STARTED, call.room())).hasSize(1);
        assertThat(livekit.calls("RoomService/CreateRoom") - roomsBefore).isEqualTo(1);
        assertThat(telnyx.commands(call.controlId)).extracting(FakeTelnyx.Command::action)
                .containsExactly("answer", "transfer");
    }

    @Test
    void aBridgeTelnyxKeepsRefusingEndsTheCallAsFailedWithTheReason() {
        TelnyxCall call = new TelnyxCall(CALLER, RoutingEntries.freshNumber());
        telnyx.failNext(10, 503);
        try {
            TelnyxCall.post(client, call.initiated()).expectStatus().isOk();
        } finally {
            telnyx.failNext(0, 503);
        }
        assertThat(RoomEvents.single(Topics.CALL_STARTED, call.room()).getSource()).isEqualTo(EventSource.telnyx);
        CallEnded ended = RoomEvents.single(Topics.CALL_ENDED, call.room());
        assertThat(ended.getStatus()).isEqualTo("failed");
        assertThat(ended.getHangupCause()).isEqualTo("switchboard_bridge_failed");
        assertThat(telnyx.commands(call.controlId)).isEmpty();
    }

    @Test
    void theBridgeLegsOwnHangupIsNotTheCallers() {
        TelnyxCall call = new TelnyxCall(CALLER, RoutingEntries.freshNumber());
        TelnyxCall.post(client, call.initiated()).expectStatus().isOk();
        TelnyxCall.post(client, call.bridgeLegHangup(TelnyxCall.START.plusSeconds(5))).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("bridge_leg");
        TelnyxCall.post(client, call.hangup(TelnyxCall.START.plusSeconds(40), "normal_clearing", "callee", "200"))
                .expectStatus().isOk();
        assertThat(RoomEvents.single(Topics.CALL_ENDED, call.room()).getOccurredAt()).isEqualTo(TelnyxCall.START.plusSeconds(40));
    }

    @Test
    void unsignedForgedAndReplayedWebhooksAreRefusedAndChangeNothing() {
        TelnyxCall call = new TelnyxCall(CALLER, RoutingEntries.freshNumber());
        String body = call.initiated();
        client.post().uri(TelnyxCall.PATH).header("Content-Type", "application/json").bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("unauthorized");
        TelnyxCall.post(client, body, Instant.now().minusSeconds(301).getEpochSecond()).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("away from now"));
        String forged = body.replace(call.to, RoutingEntries.freshNumber());
        client.post().uri(TelnyxCall.PATH).header("Content-Type", "application/json")
                .headers(h -> CarrierEdges.telnyxHeaders(body, Instant.now().getEpochSecond()).forEach(h::set))
                .bodyValue(forged).exchange().expectStatus().isUnauthorized();
        TelnyxCall.post(client, "{\"data\":{\"event_type\":\"call.initiated\",\"id\":\"x\"}}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("data.payload"));

        TelnyxCall.post(client, new TelnyxCall(CALLER, RoutingEntries.freshNumber()).initiated()).expectStatus().isOk();
        assertThat(RoomEvents.records(Topics.CALL_STARTED, call.room())).isEmpty();
        assertThat(telnyx.commands(call.controlId)).isEmpty();
    }

    @Test
    void theSetupPageSaysWhatToConfigureAndListsTheNumbersRoutedToTelnyx() throws Exception {
        var entry = RoutingEntries.entry(RoutingEntries.freshNumber(), "sales-agent", "campaign").setProvider("TELNYX").build();
        var twilio = RoutingEntries.entry(RoutingEntries.freshNumber(), "sales-agent", "campaign").setProvider("TWILIO").build();
        RoutingEntries.publish(kafka, entry);
        RoutingEntries.publish(kafka, twilio);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.lookup(twilio.getPhoneNumber()).isPresent());

        Credentials.admin(client).get().uri("/api/v1/telnyx/setup").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.webhook_url").value(u -> assertThat((String) u).endsWith("/api/v1/webhooks/telnyx"))
                .jsonPath("$.signature_verification").isEqualTo("on")
                .jsonPath("$.bridge_to").isEqualTo("sip:telnyx_call_<call leg id>@" + CarrierEdges.SIP_HOST)
                .jsonPath("$.numbers[?(@.phone_number == '%s')].agent_name".formatted(entry.getPhoneNumber()))
                .isEqualTo("sales-agent")
                .jsonPath("$.numbers[?(@.phone_number == '%s')]".formatted(twilio.getPhoneNumber())).isEmpty();
        String readKey = Credentials.publishKey(entry.getTenantId(), "read");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Credentials.as(client, readKey).get()
                .uri("/api/v1/telnyx/setup").exchange().expectStatus().isForbidden());
        client.get().uri("/api/v1/telnyx/setup").exchange().expectStatus().isUnauthorized();
    }
}
