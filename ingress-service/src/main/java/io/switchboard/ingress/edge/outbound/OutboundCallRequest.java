package io.switchboard.ingress.edge.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.platform.web.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tenant's backend asks for a call out: whom to call, the caller id (one of the tenant's numbers, or a campaign,
 * one of whose numbers is used), the agent (optional: else the caller id's routing picks it), metadata for the agent
 * (optional, a JSON object).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record OutboundCallRequest(String toNumber, String fromNumber, String campaignId, String agentName,
                           Map<String, Object> metadata) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    OutboundCallRequest checked() {
        if (toNumber == null || toNumber.isBlank()) {
            throw ApiException.missingField("to_number");
        }
        if (fromNumber == null && campaignId == null) {
            throw ApiException.badRequest("missing_field", "from_number or campaign_id is required: the caller id to call from");
        }
        if (agentName != null && !NAME.matcher(agentName).matches()) {
            throw ApiException.invalidField("agent_name", "must be 1 to 128 letters, digits, '.', '_' or '-'");
        }
        if (campaignId != null && !NAME.matcher(campaignId).matches()) {
            throw ApiException.invalidField("campaign_id", "must be a campaign's id");
        }
        return this;
    }
}
