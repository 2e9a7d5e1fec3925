package io.switchboard.stack.livekit;

import livekit.LivekitSip.CreateSIPParticipantRequest;

/**
 * The callee of a call out as LiveKit's webhooks show it: a SIP participant in the dialled room with the attributes
 * the dial gave it and LiveKit's own {@code sip.*} ones. The fake sends no webhooks: tests send these.
 */
public final class Callees {
    private Callees() {
    }

    /** The participant's JSON; {@code more} is appended inside it (e.g. {@code , "disconnectReason":"..."}). */
    public static String participant(CreateSIPParticipantRequest dialled, String more) {
        StringBuilder attributes = new StringBuilder("\"sip.callID\":\"SCL_callee\", \"sip.phoneNumber\":\""
                + dialled.getSipCallTo() + "\", \"sip.trunkID\":\"" + dialled.getSipTrunkId() + "\"");
        dialled.getParticipantAttributesMap().forEach((k, v) -> attributes.append(", \"").append(k).append("\":\"")
                .append(v).append('"'));
        return "{\"sid\":\"PA_callee\", \"identity\":\"" + dialled.getParticipantIdentity() + "\", \"kind\":\"SIP\", "
                + "\"attributes\":{" + attributes + "}" + more + "}";
    }

    /** A webhook of {@code kind} about the callee (hung up normally, for participant_left), with its id and time. */
    public static String event(String kind, CreateSIPParticipantRequest dialled, String id, long createdAt) {
        String more = kind.equals("participant_left") ? ", \"disconnectReason\":\"CLIENT_INITIATED\"" : "";
        return "{\"event\":\"" + kind + "\", \"room\":{\"sid\":\"RM_callee\", \"name\":\"" + dialled.getRoomName()
                + "\"}, \"participant\":" + participant(dialled, more) + ", \"id\":\"" + id + "\", \"createdAt\":\""
                + createdAt + "\"}";
    }
}
