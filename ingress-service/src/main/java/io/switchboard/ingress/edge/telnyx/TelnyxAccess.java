package io.switchboard.ingress.edge.telnyx;

import io.switchboard.platform.access.PublicPaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Telnyx's webhook verifies Telnyx's signature itself; the setup page needs a key like any read (and checks admin). */
@Configuration(proxyBeanMethods = false)
class TelnyxAccess {

    @Bean
    PublicPaths telnyxWebhookPath() {
        return new PublicPaths(Set.of(TelnyxWebhookController.PATH));
    }
}
