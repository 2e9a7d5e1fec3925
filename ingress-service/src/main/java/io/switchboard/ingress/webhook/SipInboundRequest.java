package io.switchboard.ingress.webhook;

import io.switchboard.events.EventSource;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** LiveKit's sip-inbound request (snake_case JSON). */
record SipInboundRequest(String callId, String trunkId, String trunkPhoneNumber, String fromNumber, String toNumber,
                         String roomName, String timestamp) {

    CallStarts.Call validated(PhoneNumbers numbers) {
        String call = required("call_id", callId);
        String room = required("room_name", roomName);
        String from = e164(numbers, "from_number", required("from_number", fromNumber));
        String to = e164(numbers, "to_number", required("to_number", toNumber));
        String trunkNumber = trunkPhoneNumber == null || trunkPhoneNumber.isBlank() ? null
                : e164(numbers, "trunk_phone_number", trunkPhoneNumber);
        return new CallStarts.Call(call, room, blankToNull(trunkId), trunkNumber, from, to, time(), EventSource.sip_inbound);
    }

    private Instant time() {
        if (timestamp == null || timestamp.isBlank()) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(timestamp);
            } catch (DateTimeParseException again) {
                throw ApiException.invalidField("timestamp", "is not an ISO-8601 time: " + timestamp);
            }
        }
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.missingField(field);
        }
        return value.trim();
    }

    static String e164(PhoneNumbers numbers, String field, String raw) {
        return numbers.toE164(raw).orElseThrow(() -> ApiException.badRequest("invalid_phone_number",
                "field '" + field + "' is not a phone number: " + raw));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
