package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.Topics;
import io.switchboard.ingress.livekit.LivekitRooms;
import io.switchboard.platform.Credentials;
import io.switchboard.stack.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web-call token nobody uses ends its call as no_answer when it expires; one whose browser joined here, or whose room
 * LiveKit has (a join another instance saw), does not.
 */
@IngressTest
@TestPropertySource(properties = "switchboard.web-calls.token-ttl=5s")
class WebCallExpiryIntegrationTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    LivekitRooms rooms;

    @Test
    void anUnusedTokenEndsItsCallAsNoAnswerWhenItExpires() {
        JsonNode issued = issue();
        String room = issued.get("room_name").asString();

        CallEnded ended = await().atMost(Duration.ofSeconds(15)).until(() -> ended(room), e -> e.size() == 1).getFirst();
        assertThat(ended.getStatus()).isEqualTo("no_answer");
        assertThat(ended.getHangupCause()).isEqualTo("switchboard_nobody_joined");
        assertThat(ended.getCallId()).isEqualTo(issued.get("call_id").asString());
        assertThat(ended.getOccurredAt()).isEqualTo(Instant.parse(issued.get("expires_at").asString()));
    }

    @Test
    void aTokenWhoseBrowserJoinedHereOrWhoseRoomLivekitHasEndsNothing() {
        JsonNode joinedHere = issue();
        String callId = joinedHere.get("call_id").asString();
        Livekit.event(client, "{\"event\":\"participant_joined\", \"room\":{\"sid\":\"RM_x\", \"name\":\"" + callId
                + "\"}, \"participant\":{\"sid\":\"PA_x\", \"identity\":\"v\", \"kind\":\"STANDARD\", \"attributes\":{"
                + "\"switchboard.call_id\":\"" + callId + "\", \"switchboard.agent\":\"web-agent\"}}, \"id\":\"EV_" + callId
                + "\", \"createdAt\":\"" + Instant.now().getEpochSecond() + "\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("call_answered");
        JsonNode joinedElsewhere = issue();
        rooms.createWithAgent(joinedElsewhere.get("room_name").asString(), "web-agent", "{}", Duration.ofMinutes(1)).block();
        JsonNode unused = issue();

        await().atMost(Duration.ofSeconds(15)).until(() -> ended(unused.get("room_name").asString()).size() == 1);
        assertThat(ended(joinedHere.get("room_name").asString())).isEmpty();
        assertThat(ended(joinedElsewhere.get("room_name").asString())).isEmpty();
    }

    private JsonNode issue() {
        return JSON.readTree(Credentials.admin(client).post().uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue("{\"agent_name\":\"web-agent\",\"tenant_id\":\"" + UUID.randomUUID() + "\"}").exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    private static List<CallEnded> ended(String room) {
        return TopicReader.readAll(Topics.CALL_ENDED).stream().filter(r -> r.key().equals(room)).map(r -> r.value()).toList();
    }
}
