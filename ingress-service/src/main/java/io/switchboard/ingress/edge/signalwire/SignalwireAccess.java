package io.switchboard.ingress.edge.signalwire;

import io.switchboard.platform.access.PublicPaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SignalWire's requests are checked by SignalWire's signature, not by an API key. */
@Configuration(proxyBeanMethods = false)
class SignalwireAccess {

    @Bean
    PublicPaths signalwireSwmlPath() {
        return new PublicPaths(Set.of(SwmlController.PATH));
    }
}
