package io.switchboard.ingress;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One Telnyx call's webhooks, as Telnyx's v2 Call Control sends them (the shapes of Telnyx's API reference). */
final class TelnyxCall {
    static final String PATH = "/api/v1/webhooks/telnyx";
    static final Instant START = Instant.parse("2026-11-26T08:00:00.250Z");

    final String controlId = "v3:" + UUID.randomUUID().toString().replace("-", "") + "_Kx-9";
    final String leg = UUID.randomUUID().toString();
    final String session = UUID.randomUUID().toString();
    final String from;
    final String to;

    TelnyxCall(String from, String to) {
        this.from = from;
        this.to = to;
    }

    String room() {
        return "telnyx_call_" + leg;
    }

    /** The client_state Switchboard's commands set, which Telnyx then sends back on every webhook of the call. */
    String ourState() {
        return Base64.getEncoder().encodeToString(("switchboard:" + leg).getBytes(StandardCharsets.UTF_8));
    }

    String initiated() {
        return event("call.initiated", START, """
                "direction":"incoming","state":"parked","start_time":"%s\"""".formatted(START), null);
    }

    String answered(Instant at) {
        return event("call.answered", at, "\"state\":\"answered\",\"start_time\":\"%s\"".formatted(START), ourState());
    }

    String hangup(Instant at, String cause, String source, String sipCode) {
        return event("call.hangup", at, """
                "state":"hangup","start_time":"%s","end_time":"%s","hangup_cause":"%s","hangup_source":"%s",\
                "sip_hangup_cause":"%s","call_quality_stats":{"inbound":{"mos":"4.50"}}""".formatted(START, at, cause,
                source, sipCode), ourState());
    }

    /** The leg Telnyx dialled to LiveKit for the bridge: its own leg id, our state. */
    String bridgeLegHangup(Instant at) {
        String other = event("call.hangup", at, "\"state\":\"hangup\",\"hangup_cause\":\"normal_clearing\"", ourState());
        return other.replace("\"call_leg_id\":\"" + leg + "\"", "\"call_leg_id\":\"" + UUID.randomUUID() + "\"");
    }

    private String event(String type, Instant at, String fields, String clientState) {
        return """
                {"data":{"record_type":"event","event_type":"%s","id":"%s","occurred_at":"%s","payload":{\
                "call_control_id":"%s","connection_id":"1494404757140276705","call_leg_id":"%s","call_session_id":"%s",\
                %s"from":"%s","to":"%s",%s}},"meta":{"attempt":1,"delivered_to":"https://example.invalid/hook"}}"""
                .formatted(type, UUID.randomUUID(), at, controlId, leg, session,
                        clientState == null ? "" : "\"client_state\":\"" + clientState + "\",", from, to, fields);
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String body) {
        return post(client, body, Instant.now().getEpochSecond());
    }

    static WebTestClient.ResponseSpec post(WebTestClient client, String body, long signedAt) {
        return client.post().uri(PATH).header("Content-Type", "application/json")
                .headers(h -> CarrierEdges.telnyxHeaders(body, signedAt).forEach(h::set))
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
    }
}
