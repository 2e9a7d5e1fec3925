package io.switchboard.ingress.livekit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SIP headers a carrier edge (Telnyx, SignalWire) puts on the call it bridges to LiveKit, and how they come back: a
 * LiveKit trunk that includes X- headers ({@code include_headers: SIP_X_HEADERS}) turns each into a participant
 * attribute {@code sip.h.<header>}, so the agent reads the routing decision there, and the LiveKit edge finds the
 * carrier's call (its id and the number dialled) when the bridged caller joins and leaves.
 */
public final class SipHeaders {
    public static final String CALL_ID = "X-Switchboard-Call-Id";
    public static final String TO = "X-Switchboard-To";
    public static final String AGENT = "X-Switchboard-Agent";
    public static final String ROUTING = "X-Switchboard-Routing";
    private static final String ATTRIBUTE_PREFIX = "sip.h.";

    private SipHeaders() {
    }

    /** The headers for a routed call, in this order: its id, the number dialled, the agent and the rule that chose it. */
    public static Map<String, String> of(String callId, String toE164, String agent, String rule) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CALL_ID, callId);
        h.put(TO, toE164);
        h.put(AGENT, agent);
        h.put(ROUTING, rule);
        return h;
    }

    /** The same headers as the carriers' APIs take them (Telnyx's custom_headers, SWML's headers): name and value. */
    public static java.util.List<Map<String, String>> asList(Map<String, String> headers) {
        return headers.entrySet().stream().map(h -> Map.of("name", h.getKey(), "value", h.getValue())).toList();
    }

    /** The value of {@code header} among a participant's attributes ({@code sip.h.<header>}, any case). */
    public static Optional<String> fromAttributes(Map<String, String> attributes, String header) {
        String key = ATTRIBUTE_PREFIX + header;
        return attributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).filter(v -> !v.isBlank()).findFirst();
    }
}
