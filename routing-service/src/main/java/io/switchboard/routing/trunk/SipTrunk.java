package io.switchboard.routing.trunk;

import java.time.Instant;
import java.util.UUID;

record SipTrunk(UUID id, UUID tenantId, String name, String provider, String livekitTrunkId, boolean active,
                Instant createdAt, Instant updatedAt) {
}
