package io.switchboard.ingress.webhook;

import io.switchboard.platform.access.PublicPaths;
import io.switchboard.platform.access.ReadOnlyPaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhooks verify LiveKit's signature themselves; the dry run needs an API key like any read. */
@Configuration(proxyBeanMethods = false)
class WebhookAccess {

    @Bean
    PublicPaths signedWebhooks() {
        return new PublicPaths(Set.of("/api/v1/webhooks/health", "/api/v1/webhooks/livekit/events",
                "/api/v1/webhooks/livekit/sip-inbound"));
    }

    @Bean
    ReadOnlyPaths dryRuns() {
        return new ReadOnlyPaths(Set.of("/api/v1/webhooks/test"));
    }
}
