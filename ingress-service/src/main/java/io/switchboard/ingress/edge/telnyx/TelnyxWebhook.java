package io.switchboard.ingress.edge.telnyx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** A Telnyx Call Control webhook (v2), the fields Switchboard reads; Telnyx sends many more, which are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TelnyxWebhook(Data data) {
    /** What {@code client_state} carries on Switchboard's commands, before the call id. */
    static final String STATE_PREFIX = "switchboard:";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(String eventType, String id, String occurredAt, Payload payload) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String callControlId, String callLegId, String callSessionId, String clientState, String from,
                   String to, String direction, String startTime, String endTime, String hangupCause,
                   String hangupSource, String sipHangupCause) {
    }

    /** Checks what every call event needs and what the events would store; a 400 naming the field otherwise. */
    TelnyxWebhook checked() {
        Fields.required("data", data);
        Fields.identifier("data.event_type", Fields.required("data.event_type", data.eventType()));
        Fields.identifier("data.id", Fields.required("data.id", data.id()));
        if (data.eventType().startsWith("call.")) {
            Payload p = Fields.required("data.payload", data.payload());
            Fields.identifier("data.payload.call_control_id", Fields.required("data.payload.call_control_id", p.callControlId()));
            Fields.identifier("data.payload.call_leg_id", Fields.required("data.payload.call_leg_id", p.callLegId()));
            Fields.identifier("data.payload.hangup_cause", p.hangupCause());
            Fields.identifier("data.payload.hangup_source", p.hangupSource());
            Fields.identifier("data.payload.client_state", p.clientState());
            time("data.payload.start_time", p.startTime());
            time("data.payload.end_time", p.endTime());
            time("data.occurred_at", data.occurredAt());
            sipCode();
        }
        return this;
    }

    Payload payload() {
        return data.payload();
    }

    /** Switchboard's call id: the one our commands put in client_state, else this leg's own id (the caller's leg). */
    String callId() {
        String state = payload().clientState();
        if (state != null) {
            try {
                String decoded = new String(Base64.getDecoder().decode(state), StandardCharsets.UTF_8);
                if (decoded.startsWith(STATE_PREFIX) && decoded.length() > STATE_PREFIX.length()) {
                    return decoded.substring(STATE_PREFIX.length());
                }
            } catch (IllegalArgumentException e) {
                // someone else's state: not ours to read
            }
        }
        return payload().callLegId();
    }

    /** The caller's own leg, not the leg Telnyx dialled to LiveKit for the bridge (which carries our state too). */
    boolean callersLeg() {
        return callId().equals(payload().callLegId());
    }

    static String clientState(String callId) {
        return Base64.getEncoder().encodeToString((STATE_PREFIX + callId).getBytes(StandardCharsets.UTF_8));
    }

    /** The first of the payload time {@code preferred} and the event's time that is given; else now. */
    Instant at(String preferred) {
        Instant t = time("", preferred);
        Instant event = time("", data.occurredAt());
        return t != null ? t : event != null ? event : Instant.now();
    }

    Integer sipCode() {
        String code = payload().sipHangupCause();
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(code.trim());
            if (value >= 100 && value < 700) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.invalidField("data.payload.sip_hangup_cause", "is not a SIP response code");
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Fields.plausibleTime(field, Instant.parse(value.trim()));
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "is not an ISO-8601 time");
        }
    }
}
