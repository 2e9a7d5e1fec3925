package io.switchboard.ingress.delivery;

import io.switchboard.ingress.IngressProperties;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: DOWN while spooled events have waited longer than {@code spool-max-age} for Kafka, or
 * while the spool's disk is below its free-space floor (events would be refused with 503 if Kafka failed).
 */
@Component("spool")
class SpoolHealth implements HealthIndicator {
    private final DurableEmitter emitter;
    private final Duration maxAge;

    SpoolHealth(DurableEmitter emitter, IngressProperties properties) {
        this.emitter = emitter;
        this.maxAge = properties.spoolMaxAge();
    }

    @Override
    public Health health() {
        DurableEmitter.SpoolDisk disk = emitter.spoolDisk();
        if (disk.low()) {
            return Health.down().withDetail("reason", "the spool's disk has " + disk.freeBytes() / (1024 * 1024)
                    + " MiB free, less than the " + disk.floorBytes() / (1024 * 1024) + " MiB it keeps free").build();
        }
        long age = emitter.spoolAgeMillis();
        if (age > maxAge.toMillis()) {
            return Health.down().withDetail("reason", "spooled events have waited " + age / 1000
                    + " s for Kafka (more than " + maxAge.toSeconds() + " s)").build();
        }
        return Health.up().withDetail("oldest_seconds", age / 1000).build();
    }
}
