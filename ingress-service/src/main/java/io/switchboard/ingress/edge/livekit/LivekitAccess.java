package io.switchboard.ingress.edge.livekit;

import io.switchboard.platform.access.PublicPaths;
import io.switchboard.platform.access.ReadOnlyPaths;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** LiveKit's webhooks verify LiveKit's signature themselves; the dry run needs an API key like any read. */
@Configuration(proxyBeanMethods = false)
class LivekitAccess {

    @Bean
    PublicPaths livekitWebhookPaths() {
        return new PublicPaths(Set.of(LivekitEventsController.PATH, SipInboundRoute.PATH));
    }

    @Bean
    ReadOnlyPaths sipInboundDryRunPath() {
        return new ReadOnlyPaths(Set.of(SipInboundDryRun.PATH));
    }
}
