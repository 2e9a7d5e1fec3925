package io.switchboard.ingress.edge.bridge;

import io.switchboard.platform.access.PublicPaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bridge's signature is its credential: its endpoint takes no API key. */
@Configuration(proxyBeanMethods = false)
class BridgeAccess {

    @Bean
    PublicPaths bridgeEventsPath() {
        return new PublicPaths(Set.of(BridgeEventsController.PATH));
    }
}
