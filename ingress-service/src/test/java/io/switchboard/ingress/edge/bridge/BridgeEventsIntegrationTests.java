package io.switchboard.ingress.edge.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallHoldChanged;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.ingress.CarrierEdges;
import io.switchboard.ingress.IngressTest;
import io.switchboard.stack.testing.SharedStackInitializer;
import io.switchboard.stack.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A media bridge reports a call's hold and resume, signed with the shared secret: each change is durable on call.holds
 * (a repeat carries the same event id); an unsigned, wrongly signed, stale or malformed report changes nothing.
 */
@IngressTest
@ContextConfiguration(initializers = {SharedStackInitializer.class, CarrierEdges.class})
class BridgeEventsIntegrationTests {
    @Autowired
    WebTestClient client;

    @Test
    void aHoldAndAResumeAreRecordedOnTheCallsTopicOnceEach() {
        String room = "room-" + UUID.randomUUID();
        String hold = "{\"event\":\"call_hold\",\"call_id\":\"CA_" + room + "\",\"room_name\":\"" + room
                + "\",\"timestamp\":\"2026-11-26T10:00:20Z\"}";
        String resume = hold.replace("call_hold", "call_resume").replace(":20Z", ":50Z");

        send(hold, now()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("call_held");
        send(resume, now()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("call_resumed");
        send(hold, now()).expectStatus().isOk();

        List<CallHoldChanged> changes = await().atMost(Duration.ofSeconds(20)).until(() -> changes(room), c -> c.size() == 3);
        assertThat(changes).extracting(CallHoldChanged::getOnHold).containsExactly(true, false, true);
        assertThat(changes.get(0).getEventId()).as("a repeat, the same id").isEqualTo(changes.get(2).getEventId())
                .isNotEqualTo(changes.get(1).getEventId());
        assertThat(changes.get(1).getOccurredAt()).isEqualTo(Instant.parse("2026-11-26T10:00:50Z"));
        assertThat(changes).allSatisfy(c -> {
            assertThat(c.getSource()).isEqualTo(EventSource.media_bridge);
            assertThat(c.getCallId()).isEqualTo("CA_" + room);
        });
    }

    @Test
    void unsignedStaleOrMalformedReportsAreRefusedAndChangeNothing() {
        String room = "room-" + UUID.randomUUID();
        String body = "{\"event\":\"call_hold\",\"call_id\":\"CA_x\",\"room_name\":\"" + room
                + "\",\"timestamp\":\"2026-11-26T10:00:20Z\"}";

        client.post().uri(BridgeEventsController.PATH).header("Content-Type", "application/json").bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.message").value(m ->
                        assertThat((String) m).contains(BridgeSignatures.SIGNATURE));
        client.post().uri(BridgeEventsController.PATH).header("Content-Type", "application/json")
                .header(BridgeSignatures.TIMESTAMP, Long.toString(now()))
                .header(BridgeSignatures.SIGNATURE, BridgeSignatures.sign("another secret", now(), bytes(body)))
                .bodyValue(body).exchange().expectStatus().isUnauthorized();
        send(body, now() - 600).expectStatus().isUnauthorized();
        send(body.replace("call_hold", "call_mute"), now()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("event"));
        send(body.replace("\"call_id\":\"CA_x\",", ""), now()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("call_id"));
        send(body.replace("2026-11-26T10:00:20Z", "yesterday"), now()).expectStatus().isBadRequest();
        send(body.replace(",\"room_name\":\"" + room + "\"", ""), now()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("room_name"));

        send(body.replace(room, room + "-marker"), now()).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> changes(room + "-marker").size() == 1);
        assertThat(changes(room)).isEmpty();
    }

    private WebTestClient.ResponseSpec send(String body, long timestamp) {
        return client.post().uri(BridgeEventsController.PATH).header("Content-Type", "application/json")
                .header(BridgeSignatures.TIMESTAMP, Long.toString(timestamp))
                .header(BridgeSignatures.SIGNATURE, BridgeSignatures.sign(CarrierEdges.BRIDGE_SECRET, timestamp, bytes(body)))
                .bodyValue(body).exchange();
    }

    private static List<CallHoldChanged> changes(String room) {
        return TopicReader.readAll(Topics.CALL_HOLDS).stream().filter(r -> r.key().equals(room)).map(r -> r.value()).toList();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
