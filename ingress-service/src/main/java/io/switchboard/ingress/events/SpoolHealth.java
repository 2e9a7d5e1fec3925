package io.switchboard.ingress.events;

import io.switchboard.ingress.IngressProperties;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: DOWN while spooled events have waited longer than {@code spool-max-age} for Kafka. */
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
        long age = emitter.spoolAgeMillis();
        if (age > maxAge.toMillis()) {
            return Health.down().withDetail("reason", "spooled events have waited " + age / 1000
                    + " s for Kafka (more than " + maxAge.toSeconds() + " s)").build();
        }
        return Health.up().withDetail("oldest_seconds", age / 1000).build();
    }
}
