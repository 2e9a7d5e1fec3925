package io.switchboard.ingress.edge.outbound;

import io.switchboard.platform.access.TenantWritePaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A tenant's backend places its calls out with its own admin key; {@link CallPlans} keeps them in its tenant. */
@Configuration(proxyBeanMethods = false)
class OutboundAccess {

    @Bean
    TenantWritePaths outboundCallsPath() {
        return new TenantWritePaths(Set.of(OutboundCallsController.PATH));
    }
}
