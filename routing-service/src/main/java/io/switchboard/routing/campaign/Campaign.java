package io.switchboard.routing.campaign;

import java.time.Instant;
import java.util.UUID;

record Campaign(UUID id, UUID tenantId, String name, String agentName, String status, Integer maxConcurrent,
                UUID sipTrunkId,                Instant createdAt, Instant updatedAt) {
}
