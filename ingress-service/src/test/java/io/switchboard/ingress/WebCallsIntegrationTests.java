package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's backend asks for a web call and gets a token for one room: it verifies with LiveKit's secret, joins only
 * that room, publishes audio only, and its room configuration dispatches the agent; the call starts at issue time and
 * the browser's join and departure (LiveKit's webhooks) answer and end it. Keys see only their own tenant.
 */
@IngressTest
class WebCallsIntegrationTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    RoutingTable table;

    @Test
    void aWebCallGetsATokenForItsRoomOnlyWhoseRoomDispatchesTheAgent() {
        String tenant = UUID.randomUUID().toString();
        WebTestClient backend = tenantAdmin(tenant);
        JsonNode issued = issue(backend, "{\"agent_name\":\"web-agent\",\"caller_identity\":\"visitor-1\","
                + "\"metadata\":{\"page\":\"pricing\"}}");

        String room = issued.get("room_name").asString();
        DecodedJWT token = JWT.require(Algorithm.HMAC256(Livekit.SECRET)).withIssuer(Livekit.KEY).build()
                .verify(issued.get("participant_token").asString());
        assertThat(token.getSubject()).isEqualTo("visitor-1");
        Map<String, Object> video = token.getClaim("video").asMap();
        assertThat(video).containsEntry("room", room).containsEntry("roomJoin", true).containsEntry("canPublish", true)
                .containsEntry("canSubscribe", true).containsEntry("canPublishSources", List.of("microphone"))
                .doesNotContainKeys("roomAdmin", "roomCreate", "roomList", "roomRecord");
        assertThat(Duration.between(Instant.now(), token.getExpiresAt().toInstant())).isBetween(Duration.ofMinutes(9),
                Duration.ofMinutes(10));
        assertThat(token.getClaim("attributes").asMap()).containsEntry("switchboard.call_id", issued.get("call_id").asString())
                .containsEntry("switchboard.tenant_id", tenant);
        Map<String, Object> agent = ((List<Map<String, Object>>) token.getClaim("roomConfig").asMap().get("agents")).getFirst();
        assertThat(agent).containsEntry("agent_name", "web-agent");
        JsonNode metadata = JSON.readTree((String) agent.get("metadata"));
        assertThat(metadata.get("call_type").asString()).isEqualTo("web");
        assertThat(metadata.at("/custom/page").asString()).isEqualTo("pricing");
        assertThat(metadata.get("tenant_id").asString()).isEqualTo(tenant);

        CallStarted started = RoomEvents.single(Topics.CALL_STARTED, room);
        assertThat(started.getSource()).isEqualTo(EventSource.web);
        assertThat(started.getDirection()).isEqualTo("web");
        assertThat(started.getTenantId()).isEqualTo(tenant);
        assertThat(started.getFromNumber()).isEqualTo("web:visitor-1");
        assertThat(started.getRoutingRule()).isEqualTo("requested_agent");
    }

    @Test
    void theBrowsersJoinAnswersTheCallAndItsDepartureEndsIt() {
        String tenant = UUID.randomUUID().toString();
        JsonNode issued = issue(tenantAdmin(tenant), "{\"agent_name\":\"web-agent\",\"caller_identity\":\"visitor-2\"}");
        String room = issued.get("room_name").asString();
        String callId = issued.get("call_id").asString();
        String participant = "{\"sid\":\"PA_web\", \"identity\":\"visitor-2\", \"kind\":\"STANDARD\", \"joinedAtMs\":\"1795000100000\", "
                + "\"attributes\":{\"switchboard.call_id\":\"" + callId + "\", \"switchboard.agent\":\"web-agent\", "
                + "\"switchboard.routing\":\"requested_agent\", \"switchboard.tenant_id\":\"" + tenant + "\"}%s}";
        String roomJson = "\"room\":{\"sid\":\"RM_web\", \"name\":\"" + room + "\"}";
        Livekit.event(client, "{\"event\":\"participant_joined\", " + roomJson + ", \"participant\":"
                + participant.formatted("") + ", \"id\":\"EV_wj" + callId + "\", \"createdAt\":\"1795000100\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("call_answered");
        Livekit.event(client, "{\"event\":\"participant_left\", " + roomJson + ", \"participant\":"
                + participant.formatted(", \"disconnectReason\":\"CLIENT_INITIATED\"") + ", \"id\":\"EV_wl" + callId
                + "\", \"createdAt\":\"1795000130\"}").expectStatus().isOk();

        List<CallStarted> reports = await().atMost(Duration.ofSeconds(20))
                .until(() -> RoomEvents.records(Topics.CALL_STARTED, room), r -> r.size() == 2);
        assertThat(reports.get(1).getAnsweredAt()).isEqualTo(Instant.ofEpochMilli(1_795_000_100_000L));
        assertThat(reports).allSatisfy(r -> assertThat(r.getDirection()).isEqualTo("web"));
        CallEnded ended = RoomEvents.single(Topics.CALL_ENDED, room);
        assertThat(ended.getCallId()).isEqualTo(callId);
        assertThat(ended.getStatus()).isEqualTo("completed");
    }

    @Test
    void aNumbersRoutingPicksTheAgentWithinTheKeysTenantOnly() throws Exception {
        RoutingEntry entry = RoutingEntries.entry(RoutingEntries.freshNumber(), "sales-agent", "campaign")
                .setCampaignId("camp-" + UUID.randomUUID()).build();
        RoutingEntries.publish(kafka, entry);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.lookup(entry.getPhoneNumber()).isPresent());

        WebTestClient own = tenantAdmin(entry.getTenantId());
        assertThat(issue(own, "{\"phone_number\":\"" + entry.getPhoneNumber() + "\"}").get("agent_name").asString())
                .isEqualTo("sales-agent");
        assertThat(issue(own, "{\"campaign_id\":\"" + entry.getCampaignId() + "\"}").get("agent_name").asString())
                .isEqualTo("sales-agent");

        WebTestClient other = tenantAdmin(UUID.randomUUID().toString());
        other.post().uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue("{\"phone_number\":\"" + entry.getPhoneNumber() + "\"}").exchange().expectStatus().isNotFound();
        other.post().uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue("{\"agent_name\":\"bad agent!\"}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("agent_name"));
        other.post().uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue("{\"caller_identity\":\"x\"}").exchange().expectStatus().isBadRequest();
        Credentials.admin(client).post().uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue("{\"agent_name\":\"web-agent\"}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("tenant_id"));
        String readKey = Credentials.publishKey(entry.getTenantId(), "read");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Credentials.as(client, readKey).post()
                .uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue("{\"agent_name\":\"web-agent\"}").exchange().expectStatus().isForbidden());
    }

    private WebTestClient tenantAdmin(String tenant) {
        WebTestClient key = Credentials.as(client, Credentials.publishKey(tenant, "admin"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> key.post().uri("/api/v1/web-calls")
                .header("Content-Type", "application/json").bodyValue("{}").exchange().expectStatus().isBadRequest());
        return key;
    }

    private static JsonNode issue(WebTestClient backend, String body) {
        return JSON.readTree(backend.post().uri("/api/v1/web-calls").header("Content-Type", "application/json")
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(String.class).returnResult()
                .getResponseBody());
    }
}
