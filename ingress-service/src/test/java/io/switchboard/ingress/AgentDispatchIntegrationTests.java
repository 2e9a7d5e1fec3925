package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.CallStarted;
import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.ingress.callers.Callers;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.stack.testing.SharedStack;
import io.switchboard.stack.testing.TopicReader;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitRoom.RoomConfiguration;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleIndividual;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routed agent reaches every SIP call's room exactly once: not at all when LiveKit's rule already sent it, once
 * however many times and to however many instances LiveKit delivers the join; and LiveKit's API being away never
 * loses the call, which is recorded with {@code dispatch: failed}. A call the rule sent the agent to learns who is
 * calling from the caller's participant attributes, since the rule's metadata is the same for every caller.
 */
@IngressTest
class AgentDispatchIntegrationTests {
    /** The caller of LivekitEventsIntegrationTests.Call's webhooks, so that they name the participant LiveKit holds. */
    private static final String CALLER = LivekitEventsIntegrationTests.CALLER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final FakeLivekit livekit = SharedFakeLivekit.get();

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    RoutingTable table;

    @Autowired
    Callers callers;

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    @Test
    void aRoomWhoseRuleAlreadyDispatchedTheAgentGetsNoSecondDispatch() {
        String to = RoutingEntries.freshNumber();
        FakeLivekit.InboundCall invite = livekit.inboundCall(ruled(to, "telephony-agent"), CALLER).orElseThrow();
        var call = new LivekitEventsIntegrationTests.Call(invite.sipCallId(), invite.room(), to);

        Livekit.event(client, call.joined()).expectStatus().isOk();

        CallStarted started = started(invite.room());
        assertThat(started.getDispatch()).isEqualTo("dispatch_rule");
        assertThat(started.getDispatchId()).isEqualTo(invite.dispatches().getFirst().getId());
        assertThat(livekit.dispatches(invite.room())).hasSize(1);
        JsonNode told = await().atMost(Duration.ofSeconds(10)).until(() -> toldWhoIsCalling(invite), t -> t != null);
        assertThat(told.get("caller_type").asString()).as("an unknown number has no tenant, so no lead").isEqualTo("new_caller");
        assertThat(told.get("call_id").asString()).isEqualTo(invite.sipCallId());
    }

    @Test
    void aKnownLeadWhoseAgentTheRuleSentIsNamedOnTheCallersAttributes() throws Exception {
        RoutingEntry entry = Leads.routed(kafka, table);
        Leads.publish(kafka, callers, entry.getTenantId(), CALLER, "Rita Example", 3);
        FakeLivekit.InboundCall invite = livekit.inboundCall(ruled(entry.getPhoneNumber(), "support-agent"), CALLER).orElseThrow();

        Livekit.event(client, new LivekitEventsIntegrationTests.Call(invite.sipCallId(), invite.room(),
                entry.getPhoneNumber()).joined()).expectStatus().isOk();

        JsonNode told = await().atMost(Duration.ofSeconds(10)).until(() -> toldWhoIsCalling(invite), t -> t != null);
        assertThat(told.get("caller_type").asString()).isEqualTo("known_lead");
        assertThat(told.at("/lead/name").asString()).isEqualTo("Rita Example");
        assertThat(told.at("/lead/attempts").asInt()).isEqualTo(3);
        assertThat(told.get("phone_number_id").asString()).as("the number's own field, which the rule lacks")
                .isEqualTo(entry.getPhoneNumberId());
        assertThat(livekit.participant(invite.room(), invite.callerIdentity()).orElseThrow().getAttributesMap())
                .containsEntry(DispatchMetadata.CALLER_TYPE_ATTRIBUTE, "known_lead")
                .containsEntry("sip.phoneNumber", CALLER);
    }

    /** A hand-made rule for {@code number} that dispatches {@code agent} itself, with metadata of its own; returns the number. */
    private String ruled(String number, String agent) {
        livekit.handMadeRule(SIPDispatchRuleInfo.newBuilder().setName("rule for " + number).addNumbers(number)
                .setRule(SIPDispatchRule.newBuilder().setDispatchRuleIndividual(SIPDispatchRuleIndividual.newBuilder().setRoomPrefix("call")))
                .setRoomConfig(RoomConfiguration.newBuilder().addAgents(RoomAgentDispatch.newBuilder()
                        .setAgentName(agent).setMetadata("{\"from\":\"rule\"}"))).build());
        return number;
    }

    /** The call's metadata the ingress put on the SIP caller's attributes, null while there is none. */
    private JsonNode toldWhoIsCalling(FakeLivekit.InboundCall invite) {
        String metadata = livekit.participant(invite.room(), invite.callerIdentity()).orElseThrow().getAttributesMap()
                .get(DispatchMetadata.CALL_METADATA_ATTRIBUTE);
        return metadata == null ? null : JSON.readTree(metadata);
    }

    @Test
    void aJoinDeliveredThreeTimesToTwoInstancesDispatchesTheAgentOnce() throws Exception {
        try (IngressProcess other = IngressProcess.start(SharedStack.endpoints().kafkaBootstrapServers(), temp.resolve("spool"),
                "second", "--switchboard.livekit.url=" + livekit.url()).awaitReady()) {
            for (int round = 0; round < 5; round++) {
                var call = new LivekitEventsIntegrationTests.Call();
                String body = call.joined();
                List<CompletableFuture<HttpResponse<String>>> answers = List.of(port, port, other.port()).stream()
                        .map(p -> HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p
                                        + "/api/v1/webhooks/livekit/events")).header("Content-Type", "application/webhook+json")
                                .header("Authorization", Livekit.sign(body)).POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.ofString())).toList();
                for (var answer : answers) {
                    assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                }
                assertThat(livekit.dispatches(call.room)).as("round %d", round).hasSize(1);
                String kept = livekit.dispatches(call.room).getFirst().getId();
                List<CallStarted> reports = await().atMost(Duration.ofSeconds(20)).until(() -> reports(call.room), r -> r.size() >= 2);
                assertThat(reports).allSatisfy(r -> {
                    assertThat(r.getDispatch()).isEqualTo("webhook");
                    assertThat(r.getDispatchId()).isEqualTo(kept);
                });
            }
        }
    }

    @Test
    void livekitUnreachableStillRecordsTheCallWithAFailedDispatch() {
        double before = failures();
        livekit.goAway();
        try {
            var call = new LivekitEventsIntegrationTests.Call();
            Livekit.event(client, call.joined()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("call_started");
            CallStarted started = started(call.room);
            assertThat(started.getDispatch()).isEqualTo("failed");
            assertThat(started.getDispatchId()).isNull();
            assertThat(failures()).isEqualTo(before + 1);
        } finally {
            livekit.comeBack();
        }
    }

    @Test
    void aLivekitTooSlowToAnswerStillRecordsTheCallWithAFailedDispatch() {
        double before = failures();
        livekit.slowDown(Duration.ofSeconds(5));
        try {
            var call = new LivekitEventsIntegrationTests.Call();
            Livekit.event(client, call.joined()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("call_started");
            assertThat(started(call.room).getDispatch()).isEqualTo("failed");
            assertThat(failures()).isEqualTo(before + 1);
        } finally {
            livekit.slowDown(Duration.ZERO);
        }
    }

    private double failures() {
        var counter = meters.find("switchboard.ingress.livekit.dispatch").tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<CallStarted> reports(String room) {
        return TopicReader.readAll(Topics.CALL_STARTED).stream().filter(r -> r.key().equals(room)).map(r -> r.value()).toList();
    }

    private static CallStarted started(String room) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> reports(room), r -> r.size() == 1).getFirst();
    }
}
