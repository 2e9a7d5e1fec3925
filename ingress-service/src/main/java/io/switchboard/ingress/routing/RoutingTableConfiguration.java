package io.switchboard.ingress.routing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RoutingTableConfiguration {
    @Bean
    RoutingTable routingTable() {
        return new RoutingTable();
    }
}
