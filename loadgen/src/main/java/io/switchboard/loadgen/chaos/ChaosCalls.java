package io.switchboard.loadgen.chaos;

import io.switchboard.loadgen.LivekitSignature;
import java.time.Instant;

/**
 * The calls of one chaos run and the webhooks LiveKit would send for each: call i comes from one of
 * {@code callers} numbers (so leads gather several calls), to one of {@code numbers} routed numbers, and
 * talks for 5 to 119 seconds. Its times lie in the past, as a retried webhook's do.
 */
final class ChaosCalls {
    static final String SIP_INBOUND = "/api/v1/webhooks/livekit/sip-inbound";
    static final String EVENTS = "/api/v1/webhooks/livekit/events";

    /**
     * One call; {@code seconds} is the duration its call log must show. The caller joins the room in the second
     * the call starts, so the duration is the same whether it counts from the start or from the answer.
     */
    record Call(int index, String id, String room, String caller, String number, long startEpoch, int seconds) {
        long joinedEpoch() {
            return startEpoch;
        }

        long leftEpoch() {
            return joinedEpoch() + seconds;
        }
    }

    private final String run;
    private final int numbers;
    private final int callers;
    private final long firstStart;
    private final String apiKey;
    private final String apiSecret;

    ChaosCalls(String run, int numbers, int callers, String apiKey, String apiSecret) {
        this.run = run;
        this.numbers = numbers;
        this.callers = callers;
        this.firstStart = Instant.now().getEpochSecond() - 600;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    /** The routed number {@code n} (0 ≤ n < numbers). */
    static String number(int n) {
        return "+1858879" + String.format("%04d", n);
    }

    Call call(int i) {
        String id = "CHAOS_" + run + "_" + i;
        return new Call(i, id, "chaos-" + id, "+1555" + String.format("%07d", i % callers), number(i % numbers),
                firstStart + i / 1000, 5 + i % 115);
    }

    String prefix() {
        return "CHAOS_" + run + "_";
    }

    String sipInbound(Call c) {
        return """
                {"call_id":"%s","trunk_id":"ST_chaos","from_number":"%s","to_number":"%s","room_name":"%s",\
                "timestamp":"%s"}""".formatted(c.id(), c.caller(), c.number(), c.room(),
                Instant.ofEpochSecond(c.startEpoch()));
    }

    String joined(Call c) {
        return participant(c, "participant_joined", "j", c.joinedEpoch(), "");
    }

    String left(Call c) {
        return participant(c, "participant_left", "l", c.leftEpoch(), ",\"disconnectReason\":\"CLIENT_INITIATED\"");
    }

    String finished(Call c) {
        return """
                {"event":"room_finished","room":{"name":"%s"},"id":"EV_f_%s","createdAt":"%d"}"""
                .formatted(c.room(), c.id(), c.leftEpoch() + 2);
    }

    private static String participant(Call c, String event, String tag, long at, String extra) {
        return """
                {"event":"%s","room":{"name":"%s"},"participant":{"identity":"sip_%s","kind":"SIP","attributes":\
                {"sip.callID":"%s","sip.phoneNumber":"%s","sip.trunkPhoneNumber":"%s"}%s},"id":"EV_%s_%s",\
                "createdAt":"%d"}""".formatted(event, c.room(), c.caller(), c.id(), c.caller(), c.number(), extra, tag,
                c.id(), at);
    }

    String sign(String body) {
        return LivekitSignature.sign(apiKey, apiSecret, body);
    }
}
