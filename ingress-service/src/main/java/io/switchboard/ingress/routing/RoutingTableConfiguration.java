package io.switchboard.ingress.routing;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RoutingTableConfiguration {
    @Bean
    RoutingTable routingTable() {
        return new RoutingTable();
    }

    /** Health indicator {@code routingCache}, part of readiness. */
    @Bean("routingCache")
    RoutingTableLoader routingTableLoader(RoutingTable table, KafkaProperties kafka, ApplicationEventPublisher events,
                                          MeterRegistry meters) {
        return new RoutingTableLoader(table, kafka.buildConsumerProperties(), events, meters);
    }
}
