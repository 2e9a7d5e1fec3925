package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.RoutingEntry;
import io.switchboard.ingress.callers.Callers;
import io.switchboard.ingress.routing.RoutingTable;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer says who is calling: a caller whose lead calllog-service published (leads.context) is a known lead, with
 * the lead's context, in the tenant the number routes to; anyone else is a new caller. A repeated delivery of a call
 * keeps its first answer even when the caller's lead changed meanwhile.
 */
@IngressTest
class CallerContextIntegrationTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    RoutingTable table;

    @Autowired
    Callers callers;

    @Test
    void aKnownLeadIsAnsweredWithTheirContextAndAStrangerAsANewCaller() throws Exception {
        RoutingEntry entry = routed();
        String caller = "+1555" + (2_000_000 + (System.nanoTime() & 0xFFFFF));
        publish(entry.getTenantId(), caller, "Dana Example", 2);

        JsonNode known = metadata(call(caller, entry.getPhoneNumber()));
        assertThat(known.get("caller_type").asString()).isEqualTo("known_lead");
        assertThat(known.at("/lead/name").asString()).isEqualTo("Dana Example");
        assertThat(known.at("/lead/attempts").asInt()).isEqualTo(2);
        assertThat(known.at("/lead/last_call_status").asString()).isEqualTo("completed");

        JsonNode stranger = metadata(call("+15559876543", entry.getPhoneNumber()));
        assertThat(stranger.get("caller_type").asString()).isEqualTo("new_caller");
        assertThat(stranger.has("lead")).isFalse();
        RoutingEntry otherTenant = routed();
        assertThat(metadata(call(caller, otherTenant.getPhoneNumber())).get("caller_type").asString())
                .as("known in another tenant only").isEqualTo("new_caller");
    }

    @Test
    void aRepeatedCallKeepsItsFirstAnswerAfterTheLeadChanged() throws Exception {
        RoutingEntry entry = routed();
        String caller = "+1555" + (3_000_000 + (System.nanoTime() & 0xFFFFF));
        String callId = "SCL_" + UUID.randomUUID();
        String body = Livekit.sipInboundBody(callId, caller, entry.getPhoneNumber(), "call-_" + callId);
        String first = Livekit.sipInbound(client, body).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        publish(entry.getTenantId(), caller, "Eve Example", 1);

        assertThat(Livekit.sipInbound(client, body).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).isEqualTo(first).contains("new_caller");
    }

    private RoutingEntry routed() throws Exception {
        return Leads.routed(kafka, table);
    }

    private void publish(String tenant, String caller, String name, int attempts) throws Exception {
        Leads.publish(kafka, callers, tenant, caller, name, attempts);
    }

    private String call(String caller, String to) {
        String callId = "SCL_" + UUID.randomUUID();
        return Livekit.sipInbound(client, Livekit.sipInboundBody(callId, caller, to, "call-_" + callId))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static JsonNode metadata(String answer) {
        return JSON.readTree(JSON.readTree(answer).get("metadata").asString());
    }
}
