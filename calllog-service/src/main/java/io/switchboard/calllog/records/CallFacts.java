package io.switchboard.calllog.records;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallHoldChanged;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A batch of events reduced to one fact row per key (call id, room), since one SQL statement may not
 * touch a row twice. The reduction is the same as the database's: first start, earliest end.
 */
final class CallFacts {
    /** The earliest report of a call's start; answered when LiveKit reported the caller joining. */
    record Start(CallStarted event, UUID leadId, Instant answeredAt) {
        Start merge(Start other) {
            Start first = event.getOccurredAt().isAfter(other.event.getOccurredAt()) ? other : this;
            return new Start(first.event, first.leadId, earliest(answeredAt, other.answeredAt));
        }
    }

    /**
     * A caller leaving ({@code ended}, with its call id or "", why, and the edge's status) or the room closing
     * ({@code finished}, the rest null).
     */
    record RoomEnd(String room, String kind, String callId, Instant at, String disconnectReason, String status,
                   String hangupCause, String hangupSource, Integer sipCode) {
        static RoomEnd finished(String room, Instant at) {
            return new RoomEnd(room, "finished", "", at, null, null, null, null, null);
        }

        RoomEnd merge(RoomEnd o) {
            return new RoomEnd(room, kind, callId, at, first(disconnectReason, o.disconnectReason), first(status, o.status),
                    first(hangupCause, o.hangupCause), first(hangupSource, o.hangupSource), first(sipCode, o.sipCode));
        }

        private static <T> T first(T a, T b) {
            return a != null ? a : b;
        }

        String key() {
            return room + "\u0000" + kind + "\u0000" + callId + "\u0000" + at;
        }
    }

    /** A call going on ({@code onHold}) or off hold, by its event id. */
    record Hold(String eventId, String callId, Instant at, boolean onHold) {
    }

    final Map<String, Start> starts = new LinkedHashMap<>();
    final Map<String, Hold> holds = new LinkedHashMap<>();
    final Map<String, RoomEnd> roomEnds = new LinkedHashMap<>();
    final java.util.Set<String> endedRooms = new java.util.LinkedHashSet<>();

    static CallFacts of(Collection<?> events) {
        CallFacts facts = new CallFacts();
        for (Object event : events) {
            switch (event) {
                case CallStarted s -> facts.starts.merge(s.getCallId(), new Start(s, leadId(s), answeredAt(s)), Start::merge);
                case CallEnded e -> facts.end(new RoomEnd(e.getRoomName(), "ended",
                        e.getCallId() == null ? "" : e.getCallId(), e.getOccurredAt(), e.getDisconnectReason(),
                        e.getStatus(), e.getHangupCause(), e.getHangupSource(), e.getSipCode()));
                case RoomFinished f -> facts.end(RoomEnd.finished(f.getRoomName(), f.getOccurredAt()));
                case CallHoldChanged h -> facts.holds.putIfAbsent(h.getEventId(),
                        new Hold(h.getEventId(), h.getCallId(), h.getOccurredAt(), h.getOnHold()));
                default -> throw new IllegalArgumentException("not a call event: " + event.getClass().getName());
            }
        }
        return facts;
    }

    private void end(RoomEnd end) {
        roomEnds.merge(end.key(), end, RoomEnd::merge);
        endedRooms.add(end.room());
    }

    /** The SIP caller's join; reports written before answered_at existed carry it as a LiveKit start's own time. */
    static Instant answeredAt(CallStarted s) {
        if (s.getAnsweredAt() != null) {
            return s.getAnsweredAt();
        }
        return s.getSource() == EventSource.livekit_webhook ? s.getOccurredAt() : null;
    }

    /** One lead per (campaign, person called with: the caller, or a call out's callee); every consumer derives the same id. */
    static UUID leadId(CallStarted s) {
        String campaign = s.getCampaignId() == null ? "" : s.getCampaignId();
        String person = "outbound".equals(s.getDirection()) ? s.getToNumber() : s.getFromNumber();
        return UUID.nameUUIDFromBytes(("lead/" + campaign + "/" + person).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
