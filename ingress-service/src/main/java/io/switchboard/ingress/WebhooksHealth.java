package io.switchboard.ingress;

import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.access.PublicPaths;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/webhooks/health}: the webhook surface is up, and how many numbers it routes. */
@RestController
class WebhooksHealth {
    static final String PATH = "/api/v1/webhooks/health";

    private final RoutingTable table;

    WebhooksHealth(RoutingTable table) {
        this.table = table;
    }

    @GetMapping(PATH)
    Map<String, Object> health() {
        return Map.of("status", "UP", "routing_entries", table.size());
    }

    /** Liveness needs no credential. */
    @Configuration(proxyBeanMethods = false)
    static class Access {
        @Bean
        PublicPaths webhooksHealthPath() {
            return new PublicPaths(Set.of(PATH));
        }
    }
}
