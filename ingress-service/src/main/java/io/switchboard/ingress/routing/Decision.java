package io.switchboard.ingress.routing;

import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.RoutingEntry;
import java.util.Map;

/**
 * The answer for one call; {@code entry} is null for an unknown number and for a call that named its agent (a web
 * call), which then carries its tenant and campaign itself.
 */
public record Decision(String agentName, String rule, RoutingEntry entry, String tenantId, String campaignId,
                       Map<String, Object> custom) {
    /** The rule of a call whose requester named the agent. */
    public static final String REQUESTED_AGENT = "requested_agent";

    public Decision(String agentName, String rule, RoutingEntry entry) {
        this(agentName, rule, entry, entry == null ? null : entry.getTenantId(), entry == null ? null : entry.getCampaignId(),
                null);
    }

    /**
     * A call whose requester named the agent, for a tenant (and a campaign, or null), with the requester's own metadata
     * for the agent under {@code custom} (or null).
     */
    public static Decision requested(String agentName, String tenantId, String campaignId, Map<String, Object> custom) {
        return new Decision(agentName, REQUESTED_AGENT, null, tenantId, campaignId, custom);
    }

    /** The number's routing, with the requester's own metadata for the agent (a web call to a routed number). */
    public Decision withCustom(Map<String, Object> metadata) {
        return new Decision(agentName, rule, entry, tenantId, campaignId, metadata);
    }

    /** The dispatch metadata: the routing audit trail and the number's agent configuration. */
    public Map<String, Object> metadata(String callId, String fromE164, String toE164) {
        Map<String, Object> m = DispatchMetadata.forCall(entry, rule, callId, fromE164, toE164);
        if (entry == null && tenantId != null) {
            m.put("tenant_id", tenantId);
            if (campaignId != null) {
                m.put("campaign_id", campaignId);
            }
        }
        if (custom != null) {
            m.put("custom", custom);
        }
        return m;
    }
}
