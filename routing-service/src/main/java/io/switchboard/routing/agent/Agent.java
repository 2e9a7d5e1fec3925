package io.switchboard.routing.agent;

import java.time.Instant;
import java.util.UUID;

record Agent(UUID id, String name, String description, boolean active, Instant createdAt, Instant updatedAt) {
}
