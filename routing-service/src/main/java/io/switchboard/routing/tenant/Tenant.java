package io.switchboard.routing.tenant;

import java.time.Instant;
import java.util.UUID;

record Tenant(UUID id, String name, String defaultAgent, boolean active, Instant createdAt, Instant updatedAt) {
}
