package io.switchboard.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an agent's dispatch carries, built in one place for every process that dispatches: the ingress (its
 * sip-inbound answer and its dispatch on a SIP join) and the LiveKit sync (its dispatch rules). A rule is written
 * before any call exists and serves many numbers, so its metadata lacks the call's and the number's own fields; the
 * agent finds them in the SIP participant's attributes ({@code sip.phoneNumber}, {@code sip.trunkPhoneNumber}).
 */
public final class DispatchMetadata {

    /** The routing rule of a call to a number with no routing entry. */
    public static final String UNKNOWN_NUMBER = "unknown_number";
    public static final String KNOWN_LEAD = "known_lead";
    public static final String NEW_CALLER = "new_caller";
    /**
     * Participant attributes set on a SIP caller whose agent a LiveKit dispatch rule sent: a rule's metadata is shared
     * by every caller, so who is calling ({@code known_lead} or {@code new_caller}) and the call's own metadata (the
     * JSON a dispatch on the join would have carried, the lead's context included) reach the agent here.
     */
    public static final String CALLER_TYPE_ATTRIBUTE = "switchboard.caller_type";
    public static final String CALL_METADATA_ATTRIBUTE = "switchboard.metadata";

    private DispatchMetadata() {
    }

    /**
     * Adds who is calling to a call's metadata: {@code caller_type} {@code known_lead} with the lead's context under
     * {@code lead}, or {@code new_caller} when {@code lead} is null. Returns {@code metadata}.
     */
    public static Map<String, Object> withCaller(Map<String, Object> metadata, LeadContext lead) {
        metadata.put("caller_type", lead == null ? NEW_CALLER : KNOWN_LEAD);
        if (lead != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("lead_id", lead.getLeadId());
            l.put("name", lead.getName());
            l.put("status", lead.getStatus());
            l.put("attempts", lead.getAttempts());
            l.put("last_call_at", lead.getLastCallAt().toString());
            putIfPresent(l, "last_call_status", lead.getLastCallStatus());
            putIfPresent(l, "campaign_id", lead.getCampaignId());
            metadata.put("lead", l);
        }
        return metadata;
    }

    /** A call's metadata; {@code entry} is null for an unknown number. Keys keep this order, so equal inputs give equal JSON. */
    public static Map<String, Object> forCall(RoutingEntry entry, String rule, String callId, String fromE164, String toE164) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call_type", "inbound");
        putIfPresent(m, "call_id", callId);
        if (entry != null) {
            m.put("phone_number_id", entry.getPhoneNumberId());
            m.put("tenant_id", entry.getTenantId());
            putIfPresent(m, "campaign_id", entry.getCampaignId());
        }
        putIfPresent(m, "from_number", fromE164);
        putIfPresent(m, "to_number", toE164);
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

    /**
     * What every call to numbers routed alike shares, for a dispatch rule that serves them all: the call's metadata
     * without the number's own fields ({@code phone_number_id}, {@code to_number}, {@code routing_entry_version}). The
     * agent reads the called number from the SIP participant's {@code sip.trunkPhoneNumber}.
     */
    public static Map<String, Object> forRule(RoutingEntry entry, String rule) {
        Map<String, Object> m = forCall(entry, rule, null, null, null);
        m.remove("phone_number_id");
        m.remove("routing_entry_version");
        return m;
    }

    /** The routing attributes a call's participant carries; {@code callerE164} is null on a rule (LiveKit adds the caller). */
    public static Map<String, String> attributes(String toE164, String callerE164) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("inbound", "true");
        putIfPresent(a, "phone_number", toE164);
        putIfPresent(a, "caller", callerE164);
        return a;
    }

    private static <V> void putIfPresent(Map<String, V> m, String key, Object value) {
        if (value != null) {
            @SuppressWarnings("unchecked")
            V v = (V) value.toString();
            m.put(key, v);
        }
    }
}
