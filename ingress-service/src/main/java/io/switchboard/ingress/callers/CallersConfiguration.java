package io.switchboard.ingress.callers;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.Topics;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.platform.kafka.CompactedTopicView;
import java.time.Duration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The callers table and the view that fills it. Not part of readiness: until it has caught up, a caller not yet read
 * is answered as a new caller, which is better than not answering.
 */
@Configuration(proxyBeanMethods = false)
class CallersConfiguration {

    @Bean
    Callers callers(IngressProperties properties, MeterRegistry meters) {
        return new Callers(properties.callersMax(), meters);
    }

    @Bean("leadContext")
    CompactedTopicView leadContextView(Callers callers, KafkaProperties kafka, ApplicationEventPublisher events,
                                       MeterRegistry meters) {
        return new CompactedTopicView(Topics.LEAD_CONTEXT.name(), kafka.buildConsumerProperties(), callers::apply, events,
                meters, Duration.ofSeconds(1));
    }
}
