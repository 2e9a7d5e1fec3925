package io.switchboard.ingress.edge.bridge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * {@code {event: call_hold | call_resume, call_id, room_name, timestamp, event_id?}} from a media bridge. The room is
 * required: keyed by it, a change lands in the partition of the call's other events, so that one consumer writes them
 * all in turn (a hold written beside the call's end by another consumer could miss it in both transactions).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BridgeEvent(String event, String callId, String roomName, String timestamp, String eventId) {
    boolean onHold() {
        return switch (Fields.required("event", event)) {
            case "call_hold" -> true;
            case "call_resume" -> false;
            default -> throw ApiException.invalidField("event", "must be call_hold or call_resume");
        };
    }

    Instant at() {
        try {
            return Fields.plausibleTime("timestamp", Instant.parse(Fields.required("timestamp", timestamp)));
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("timestamp", "must be an ISO-8601 instant, like 2026-11-26T10:00:00Z");
        }
    }

    String call() {
        return Fields.identifier("call_id", Fields.required("call_id", callId));
    }

    String room() {
        return Fields.identifier("room_name", Fields.required("room_name", roomName));
    }

    /** The bridge's id, or one derived from what identifies the change, so that a repeat carries the same id. */
    String id() {
        String basis = eventId != null ? Fields.identifier("event_id", eventId) : call() + "/" + event + "/" + at().toEpochMilli();
        return UUID.nameUUIDFromBytes(("call.holds/" + basis).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
