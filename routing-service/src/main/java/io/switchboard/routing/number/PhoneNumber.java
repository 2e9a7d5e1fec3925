package io.switchboard.routing.number;

import java.time.Instant;
import java.util.UUID;

record PhoneNumber(UUID id, String number, UUID tenantId, UUID campaignId, String provider, String providerSid,
                   String numberType, boolean active, AgentSettings agentConfig, UUID sipTrunkId, Instant createdAt, Instant updatedAt) {
}
