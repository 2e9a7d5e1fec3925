package io.switchboard.ingress.routing;

import io.switchboard.events.DispatchMetadata;
import io.switchboard.ingress.IngressProperties;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides who answers a call, from the routing table alone: the number's entry (which already applied
 * campaign → tenant default → system default), or for a number with no entry the configured policy.
 */
@Component
public class CallRouter {
    private final RoutingTable table;
    private final Optional<Decision> unknown;

    CallRouter(RoutingTable table, IngressProperties properties) {
        this.table = table;
        this.unknown = properties.unknownNumberPolicy() == IngressProperties.UnknownNumberPolicy.REJECT
                ? Optional.empty() : Optional.of(new Decision(properties.systemDefaultAgent(),
                DispatchMetadata.UNKNOWN_NUMBER, null));
    }

    /** Empty when the number is unknown and the policy is to reject. Decisions are shared: compare them by value. */
    public Optional<Decision> route(String toE164) {
        Decision decision = table.decision(toE164);
        return decision != null ? Optional.of(decision) : unknown;
    }
}
