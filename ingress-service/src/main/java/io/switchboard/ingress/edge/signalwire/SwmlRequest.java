package io.switchboard.ingress.edge.signalwire;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.util.Map;
import java.util.regex.Pattern;

/** The call SignalWire asks about, from whichever of its field names the request used (SWML's or the compatible ones). */
record SwmlRequest(String callId, String from, String to) {
    /** Ids that can stand in a SIP URI's user part (the room to bridge to is named after the call). */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    static SwmlRequest of(Map<String, String> fields) {
        String callId = Fields.required("call_id", first(fields, "call_id", "CallSid"));
        if (!SAFE_ID.matcher(callId).matches()) {
            throw ApiException.invalidField("call_id", "must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        return new SwmlRequest(callId, Fields.required("from", first(fields, "from", "From")),
                Fields.required("to", first(fields, "to", "To")));
    }

    private static String first(Map<String, String> fields, String name, String compatName) {
        String value = fields.get(name);
        return value != null && !value.isBlank() ? value : fields.get(compatName);
    }
}
