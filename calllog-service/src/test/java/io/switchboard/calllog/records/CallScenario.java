package io.switchboard.calllog.records;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallHoldChanged;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * A set of calls with every kind of ending, under names unique to one run, so runs can share a database.
 * {@link #canonical} maps the run's names back, so two runs' rows can be compared.
 */
final class CallScenario {
    private static final AtomicLong NUMBERS = new AtomicLong(4_000_000 + (System.nanoTime() & 0xFFFF) * 50);
    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> canonical = new LinkedHashMap<>();
    final List<SpecificRecord> events = new ArrayList<>();
    final String callerX = number("CALLER_X");
    final String callerY = number("CALLER_Y");
    final String callerZ = number("CALLER_Z");
    final String callerW = number("CALLER_W");
    final String campaign = name("campaign", "CAMPAIGN");

    CallScenario() {
        // A: answered via sip-inbound, caller hangs up, room closes 20 s later
        call("A", callerX, campaign, EventSource.sip_inbound, 0, 95, "CLIENT_INITIATED", 115);
        // B: same lead later, LiveKit's join started it (so it was answered then)
        call("B", callerX, campaign, EventSource.livekit_webhook, 600, 660, "CLIENT_INITIATED", 680);
        // C: still ringing
        call("C", callerY, null, EventSource.sip_inbound, 900, -1, null, -1);
        // D: failed to join
        call("D", callerY, campaign, EventSource.sip_inbound, 1200, 1203, "JOIN_FAILURE", 1223);
        // E: the room closed without a call.ended
        call("E", callerY, null, EventSource.sip_inbound, 1500, -1, null, 1590);
        // F: reported twice with different campaigns; the earlier report (sip-inbound, the campaign) wins, so a
        // lead made by the later report (LiveKit's join, no campaign) arriving first must lose the call again
        start("F", callerX, campaign, EventSource.sip_inbound, 1800);
        call("F", callerX, null, EventSource.livekit_webhook, 1805, 1865, "CLIENT_INITIATED", 1885);
        // G1 and G2: one room name used again by a later call, which must not take the first call's ending
        call("G1", "ROOM_G", callerZ, null, EventSource.sip_inbound, 2100, 2160, "CLIENT_INITIATED", 2180);
        call("G2", "ROOM_G", callerZ, null, EventSource.sip_inbound, 2400, -1, null, -1);
        // H1 and H2: two callers in one room at once (a direct dispatch rule); H1 leaving does not end H2
        call("H1", "ROOM_H", callerZ, null, EventSource.livekit_webhook, 3000, 3100, "CLIENT_INITIATED", -1);
        call("H2", "ROOM_H", callerZ, null, EventSource.livekit_webhook, 3050, -1, null, -1);
        // I: sip-inbound started it at 4000; the SIP caller's join report (answered 12 s later) makes it in progress
        start("I", callerW, null, EventSource.sip_inbound, 4000);
        answered("I", callerW, EventSource.livekit_webhook, 4012);
        // J: started at 4490, then an edge's report with an answer time of its own; ended 30 s after the answer
        start("J", callerW, null, EventSource.sip_inbound, 4490);
        answered("J", callerW, EventSource.unknown, 4500);
        end("J", "ROOM_J", 4530, "CLIENT_INITIATED");
        // K: a Telnyx call the callee's side found busy (never answered); L: the caller gave up while it rang; M: a
        // LiveKit caller the ingress classified no_answer; N: answered, then a normal hang-up with Telnyx's cause
        start("K", callerW, campaign, EventSource.telnyx, 5000);
        ended("K", 5004, "busy", "user_busy", "callee", 486);
        start("L", callerW, campaign, EventSource.telnyx, 5100);
        ended("L", 5109, "canceled", "originator_cancel", "caller", 487);
        start("M", callerY, null, EventSource.livekit_webhook, 5200);
        end("M", "ROOM_M", 5230, "USER_UNAVAILABLE");
        CallEnded m = (CallEnded) events.removeLast();
        events.add(CallEnded.newBuilder(m).setStatus("no_answer").build());
        start("N", callerW, campaign, EventSource.telnyx, 5300);
        answered("N", callerW, EventSource.telnyx, 5302);
        ended("N", 5362, "completed", "normal_clearing", "caller", null);
        // O: answered at 6002, ended at 6122; a media bridge held it before the answer (not counted), 6020-6050, and
        // from 6100 (held twice, never resumed) to the end: 30 + 22 s on hold, 68 s of talk
        start("O", callerW, null, EventSource.sip_inbound, 6000);
        answered("O", callerW, EventSource.livekit_webhook, 6002);
        end("O", "ROOM_O", 6122, "CLIENT_INITIATED");
        hold("O", 5990, true);
        hold("O", 6001, false);
        hold("O", 6020, true);
        hold("O", 6050, false);
        hold("O", 6100, true);
        hold("O", 6105, true);
    }

    private void hold(String id, int at, boolean onHold) {
        events.add(CallHoldChanged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(T0.plusSeconds(at))
                .setReceivedAt(T0.plusSeconds(at)).setSource(EventSource.media_bridge).setCallId(name("SCL", id))
                .setRoomName(name("room", "ROOM_" + id)).setOnHold(onHold).build());
    }

    /** A carrier's hang-up (Telnyx): the edge's status and the carrier's own words, no LiveKit reason. */
    private void ended(String id, int at, String status, String cause, String source, Integer sipCode) {
        end(id, "ROOM_" + id, at, null);
        CallEnded ended = (CallEnded) events.removeLast();
        events.add(CallEnded.newBuilder(ended).setSource(EventSource.telnyx).setStatus(status).setHangupCause(cause)
                .setHangupSource(source).setSipCode(sipCode).build());
    }

    /** A report carrying answered_at (the join report), occurring at the answer. */
    private void answered(String id, String caller, EventSource source, int at) {
        start(id, "ROOM_" + id, caller, null, source, at);
        CallStarted report = (CallStarted) events.removeLast();
        events.add(CallStarted.newBuilder(report).setEventId(UUID.randomUUID().toString())
                .setAnsweredAt(T0.plusSeconds(at)).setDispatch("webhook").build());
    }

    private void end(String id, String roomName, int end, String reason) {
        events.add(CallEnded.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(T0.plusSeconds(end))
                .setReceivedAt(T0.plusSeconds(end)).setSource(EventSource.livekit_webhook).setCallId(name("SCL", id))
                .setRoomName(name("room", roomName)).setDisconnectReason(reason).build());
    }

    private void call(String id, String caller, String campaignId, EventSource source, int start, int end, String reason,
                      int finished) {
        call(id, "ROOM_" + id, caller, campaignId, source, start, end, reason, finished);
    }

    private void call(String id, String roomName, String caller, String campaignId, EventSource source, int start,
                      int end, String reason, int finished) {
        start(id, roomName, caller, campaignId, source, start);
        String room = name("room", roomName);
        if (end >= 0) {
            end(id, roomName, end, reason);
        }
        if (finished >= 0) {
            events.add(RoomFinished.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setOccurredAt(T0.plusSeconds(finished)).setReceivedAt(T0.plusSeconds(finished))
                    .setSource(EventSource.livekit_webhook).setRoomName(room).build());
        }
    }

    /** A report of call {@code id} starting (a call may be reported more than once). */
    private void start(String id, String caller, String campaignId, EventSource source, int start) {
        start(id, "ROOM_" + id, caller, campaignId, source, start);
    }

    private void start(String id, String roomName, String caller, String campaignId, EventSource source, int start) {
        String callId = name("SCL", id);
        String room = name("room", roomName);
        events.add(CallStarted.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(T0.plusSeconds(start))
                .setReceivedAt(T0.plusSeconds(start)).setSource(source).setCallId(callId).setRoomName(room)
                .setTrunkId("ST_1").setFromNumber(caller).setToNumber(number("TO_" + id)).setAgentName("agent-" + id)
                .setRoutingRule(campaignId == null ? "tenant_default" : "campaign").setTenantId("tenant-1")
                .setCampaignId(campaignId).setPhoneNumberId("pn-" + id).setMetadata("{\"call\":\"" + id + "\"}").build());
    }

    private String name(String prefix, String canonicalName) {
        String unique = prefix + "-" + run + "-" + canonicalName;
        canonical.put(unique, canonicalName);
        return unique;
    }

    private String number(String canonicalName) {
        String e164 = "+1555" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
        canonical.put(e164, canonicalName);
        return e164;
    }

    /** How many calls the scenario holds (A to O). */
    int callCount() {
        return (int) events.stream().filter(e -> e instanceof CallStarted).map(e -> ((CallStarted) e).getCallId())
                .distinct().count();
    }

    String callIdPattern() {
        return "SCL-" + run + "-%";
    }
}
