package io.switchboard.ingress.routing;

import io.switchboard.events.AgentConfig;
import io.switchboard.events.RoutingEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answer for one call; {@code entry} is null for an unknown number. */
public record Decision(String agentName, String rule, RoutingEntry entry) {

    /** The dispatch metadata: the routing audit trail and the number's agent configuration. */
    public Map<String, Object> metadata(String callId, String fromE164, String toE164) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_type", "inbound");
        m.put("call_id", callId);
        if (entry != null) {
            m.put("phone_number_id", entry.getPhoneNumberId());
            m.put("tenant_id", entry.getTenantId());
            putIfPresent(m, "campaign_id", entry.getCampaignId());
        }
        m.put("from_number", fromE164);
        m.put("to_number", toE164);
        m.put("routing", rule);
        if (entry != null) {
            m.put("routing_entry_version", entry.getVersion());
            AgentConfig c = entry.getAgentConfig();
            if (c != null) {
                c.getSchema().getFields().forEach(f -> putIfPresent(m, f.name(), c.get(f.pos())));
            }
        }
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
