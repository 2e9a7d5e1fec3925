package io.switchboard.ingress.routing;

import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.RoutingEntry;
import java.util.Map;

/** The answer for one call; {@code entry} is null for an unknown number. */
public record Decision(String agentName, String rule, RoutingEntry entry) {

    /** The dispatch metadata: the routing audit trail and the number's agent configuration. */
    public Map<String, Object> metadata(String callId, String fromE164, String toE164) {
        return DispatchMetadata.forCall(entry, rule, callId, fromE164, toE164);
    }
}
