package io.switchboard.routing.campaign;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.util.UUID;

/** Create or replace a campaign; {@code status} defaults to ACTIVE. */
record CampaignRequest(String tenantId, String name, String agentName, String status, Integer maxConcurrent,
                       String sipTrunkId) {
    enum Status { DRAFT, ACTIVE, PAUSED, COMPLETED, ARCHIVED }

    record Valid(UUID tenantId, String name, String agentName, String status, Integer maxConcurrent, UUID sipTrunkId) {
    }

    Valid validated() {
        UUID tenant = Fields.uuid("tenant_id", Fields.required("tenant_id", tenantId));
        if (maxConcurrent != null && maxConcurrent < 1) {
            throw ApiException.invalidField("max_concurrent", "must be 1 or more");
        }
        return new Valid(tenant, Fields.maxLength("name", Fields.required("name", name), 200),
                Fields.maxLength("agent_name", Fields.optional(agentName), 200), Fields.oneOf("status", status, Status.class, Status.ACTIVE).name(),
                maxConcurrent, Fields.optional(sipTrunkId) == null ? null : Fields.uuid("sip_trunk_id", sipTrunkId));
    }
}
