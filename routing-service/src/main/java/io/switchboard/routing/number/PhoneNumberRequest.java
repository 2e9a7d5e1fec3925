package io.switchboard.routing.number;

import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.Fields;
import java.util.UUID;

/** Create or replace a phone number; the number may be in any common form and is stored as E.164. */
record PhoneNumberRequest(String number, String tenantId, String campaignId, String provider, String providerSid,
                          String numberType, Boolean active, AgentSettings agentConfig,
                          String sipTrunkId) {

    enum Provider { TWILIO, TELNYX, SIGNALWIRE, EXOTEL, OTHER }

    enum NumberType { LOCAL, TOLL_FREE, MOBILE }

    record Valid(String e164, UUID tenantId, UUID campaignId, String provider, String providerSid, String numberType,
                 boolean active, AgentSettings agentConfig, UUID sipTrunkId) {
    }

    Valid validated(PhoneNumbers phoneNumbers) {
        String e164 = Fields.e164(phoneNumbers, "number", Fields.required("number", number));
        UUID tenant = Fields.uuid("tenant_id", Fields.required("tenant_id", tenantId));
        String campaign = Fields.optional(campaignId);
        AgentSettings config = agentConfig == null ? AgentSettings.NONE : agentConfig.validated();
        return new Valid(e164, tenant, campaign == null ? null : Fields.uuid("campaign_id", campaign),
                Fields.oneOf("provider", provider, Provider.class, Provider.OTHER).name(),
                Fields.maxLength("provider_sid", Fields.optional(providerSid), 200),
                Fields.oneOf("number_type", numberType, NumberType.class, NumberType.LOCAL).name(),
                active == null || active, config,
                Fields.optional(sipTrunkId) == null ? null : Fields.uuid("sip_trunk_id", sipTrunkId));
    }
}
