package io.switchboard.ingress.livekit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The participant attributes a web-call token carries, which LiveKit then puts on the browser's participant in its
 * webhooks: so the join and the departure of a web caller identify the call and its routing on any instance, with no
 * state shared between the instance that issued the token and the one LiveKit's webhook reaches.
 */
public final class WebParticipants {
    public static final String CALL_ID = "switchboard.call_id";
    public static final String AGENT = "switchboard.agent";
    public static final String ROUTING = "switchboard.routing";
    public static final String TENANT = "switchboard.tenant_id";
    public static final String CAMPAIGN = "switchboard.campaign_id";
    public static final String TO = "switchboard.to_number";
    /** Set on the callee of a call out (a SIP participant): its join and departure belong to that call. */
    public static final String DIRECTION = "switchboard.direction";
    /** A call out's caller id (its callee is LiveKit's {@code sip.phoneNumber}). */
    public static final String FROM = "switchboard.from_number";
    /** Set when the call out holds a slot of its campaign's max_concurrent, which its end gives back. */
    public static final String SLOT = "switchboard.slot";
    /** A web caller's "from": their participant identity, marked as not a phone number. */
    public static final String CALLER_PREFIX = "web:";

    private WebParticipants() {
    }

    /** The attributes of a web call's token; null values are left out. */
    public static Map<String, String> attributes(String callId, String agent, String rule, String tenantId,
                                                 String campaignId, String toE164) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(CALL_ID, callId);
        a.put(AGENT, agent);
        a.put(ROUTING, rule);
        if (tenantId != null) {
            a.put(TENANT, tenantId);
        }
        if (campaignId != null) {
            a.put(CAMPAIGN, campaignId);
        }
        if (toE164 != null && !toE164.isEmpty()) {
            a.put(TO, toE164);
        }
        return a;
    }
}
