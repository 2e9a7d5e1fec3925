package io.switchboard.loadgen;

import java.time.Instant;

/** simulate-call's web call and call out, played as a tenant's backend, the browser and LiveKit would. */
final class OtherFlows {
    private final SimulateCall sim;
    private final String key;
    private final String tag;

    OtherFlows(SimulateCall sim, String tenantKey, String tag) {
        this.sim = sim;
        this.key = tenantKey;
        this.tag = tag;
    }

    /** A token for the number's agent, then the browser's join and, {@code --seconds} later, its departure. */
    String web(String number, String tenant, String agent) throws Exception {
        String issued = SimulateCall.post(sim.ingress + "/api/v1/web-calls", "{\"phone_number\":\"" + number
                + "\",\"caller_identity\":\"visitor-" + tag + "\"}", "Bearer " + key);
        String callId = field(issued, "call_id");
        System.out.println("web call: room " + field(issued, "room_name") + ", token for " + field(issued, "server_url"));
        Instant joined = Instant.now();
        String participant = "\"participant\":{\"identity\":\"visitor-" + tag + "\", \"kind\":\"STANDARD\", "
                + "\"attributes\":{\"switchboard.call_id\":\"" + callId + "\", \"switchboard.agent\":\"" + agent
                + "\", \"switchboard.routing\":\"campaign\", \"switchboard.tenant_id\":\"" + tenant + "\"}%s}";
        String room = "\"room\":{\"name\":\"" + callId + "\"}";
        event("participant_joined", room, participant.formatted(""), "j", joined.getEpochSecond());
        event("participant_left", room, participant.formatted(", \"disconnectReason\":\"CLIENT_INITIATED\""), "l",
                joined.getEpochSecond() + sim.talk);
        return callId;
    }

    /** Placed from the campaign's number; LiveKit (the stand-in) answers; the callee leaves {@code --seconds} later. */
    String outbound(String from, String to, String campaign) throws Exception {
        String placed = SimulateCall.post(sim.ingress + "/api/v1/calls", "{\"to_number\":\"" + to + "\",\"from_number\":\""
                + from + "\"}", "Bearer " + key);
        System.out.println("call out placed: " + placed);
        String callId = field(placed, "call_id");
        String answered = sim.callLogWith(callId, key, "in_progress");
        if (answered == null) {
            throw new IllegalStateException("the call out was not answered within 30 s (is LiveKit's API set? "
                    + "./switchboard run --livekit-stand-in)");
        }
        String participant = "\"participant\":{\"identity\":\"sip_" + to + "\", \"kind\":\"SIP\", \"attributes\":{"
                + "\"sip.phoneNumber\":\"" + to + "\", \"switchboard.call_id\":\"" + callId + "\", "
                + "\"switchboard.direction\":\"outbound\", \"switchboard.to_number\":\"" + to + "\", "
                + "\"switchboard.from_number\":\"" + from + "\", \"switchboard.campaign_id\":\"" + campaign + "\"}, "
                + "\"disconnectReason\":\"CLIENT_INITIATED\"}";
        event("participant_left", "\"room\":{\"name\":\"" + callId + "\"}", participant, "l",
                Instant.parse(field(answered, "answered_at")).getEpochSecond() + sim.talk);
        return callId;
    }

    private void event(String kind, String room, String participant, String id, long at) throws Exception {
        sim.signed("/api/v1/webhooks/livekit/events", "{\"event\":\"" + kind + "\", " + room + ", " + participant
                + ", \"id\":\"EV_" + id + tag + "\", \"createdAt\":\"" + at + "\"}");
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }
}
