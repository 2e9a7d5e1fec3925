package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.CallStarted;
import io.switchboard.events.Topics;
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
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The routed agent reaches every SIP call's room exactly once: not at all when LiveKit's rule already sent it, once
 * however many times and to however many instances LiveKit delivers the join; and LiveKit's API being away never
 * loses the call, which is recorded with {@code dispatch: failed}.
 */
@IngressTest
class AgentDispatchIntegrationTests {
    private static final String CALLER = "+15557654321";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final FakeLivekit livekit = SharedFakeLivekit.get();

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    @Test
    void aRoomWhoseRuleAlreadyDispatchedTheAgentGetsNoSecondDispatch() {
        String to = RoutingEntries.freshNumber();
        livekit.handMadeRule(SIPDispatchRuleInfo.newBuilder().setName("rule for " + to).addNumbers(to)
                .setRule(SIPDispatchRule.newBuilder().setDispatchRuleIndividual(SIPDispatchRuleIndividual.newBuilder().setRoomPrefix("call")))
                .setRoomConfig(RoomConfiguration.newBuilder().addAgents(RoomAgentDispatch.newBuilder()
                        .setAgentName("telephony-agent").setMetadata("{\"from\":\"rule\"}"))).build());
        FakeLivekit.InboundCall invite = livekit.inboundCall(to, CALLER).orElseThrow();
        var call = new LivekitEventsIntegrationTests.Call(invite.sipCallId(), invite.room(), to);

        Livekit.event(client, call.joined()).expectStatus().isOk();

        CallStarted started = started(invite.room());
        assertThat(started.getDispatch()).isEqualTo("dispatch_rule");
        assertThat(started.getDispatchId()).isEqualTo(invite.dispatches().getFirst().getId());
        assertThat(livekit.dispatches(invite.room())).hasSize(1);
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
