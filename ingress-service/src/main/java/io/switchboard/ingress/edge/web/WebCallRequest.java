package io.switchboard.ingress.edge.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.switchboard.platform.web.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tenant's backend asks for a web call: the agent by name, or a phone number (or campaign) whose routing picks it;
 * who the browser's caller is (optional); metadata for the agent (optional, a JSON object).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
record WebCallRequest(String agentName, String phoneNumber, String campaignId, String tenantId, String callerIdentity,
                      Map<String, Object> metadata) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:-]{1,128}");

    WebCallRequest checked() {
        if (agentName == null && phoneNumber == null && campaignId == null) {
            throw ApiException.badRequest("missing_field",
                    "agent_name, phone_number or campaign_id is required: who answers the web call");
        }
        name("agent_name", agentName);
        name("campaign_id", campaignId);
        name("tenant_id", tenantId);
        name("caller_identity", callerIdentity);
        return this;
    }

    private static void name(String field, String value) {
        if (value != null && !NAME.matcher(value).matches()) {
            throw ApiException.invalidField(field, "must be 1 to 128 letters, digits, '.', '_', '@', ':' or '-'");
        }
    }
}
