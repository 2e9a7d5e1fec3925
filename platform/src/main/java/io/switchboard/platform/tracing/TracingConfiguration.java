package io.switchboard.platform.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link CallTraces} for every service, over the Propagator that Spring Boot's tracing configures (W3C). */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
public class TracingConfiguration {
    @Bean
    CallTraces callTraces(ObjectProvider<Propagator> propagator, ObjectProvider<ObservationRegistry> observations) {
        // tracing turned off (management.tracing.enabled=false): no headers written, consumer spans no-ops
        return new CallTraces(propagator.getIfAvailable(() -> Propagator.NOOP),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
