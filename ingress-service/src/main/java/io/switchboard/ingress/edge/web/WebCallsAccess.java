package io.switchboard.ingress.edge.web;

import io.switchboard.platform.access.TenantWritePaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A tenant's backend starts its web calls with its own admin key; {@link WebCalls} keeps them in its tenant. */
@Configuration(proxyBeanMethods = false)
class WebCallsAccess {

    @Bean
    TenantWritePaths webCallsPath() {
        return new TenantWritePaths(Set.of(WebCallsController.PATH));
    }
}
