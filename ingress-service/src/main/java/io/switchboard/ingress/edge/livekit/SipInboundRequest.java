package io.switchboard.ingress.edge.livekit;

import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Call;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** LiveKit's sip-inbound request (snake_case JSON). */
record SipInboundRequest(String callId, String trunkId, String trunkPhoneNumber, String fromNumber, String toNumber,
                         String roomName, String timestamp) {

    Call validated(PhoneNumbers numbers) {
        String call = Fields.required("call_id", Fields.identifier("call_id", callId));
        String room = Fields.required("room_name", Fields.identifier("room_name", roomName));
        String from = Fields.callerE164(numbers, "from_number", Fields.required("from_number", fromNumber));
        String to = Fields.e164(numbers, "to_number", Fields.required("to_number", toNumber));
        String trunkNumber = trunkPhoneNumber == null || trunkPhoneNumber.isBlank() ? null
                : Fields.e164(numbers, "trunk_phone_number", trunkPhoneNumber);
        return new Call(call, room, Fields.optional(Fields.identifier("trunk_id", trunkId)), trunkNumber, from,
                to, Fields.plausibleTime("timestamp", time()), EventSource.sip_inbound);
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

}
