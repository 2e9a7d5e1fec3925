package io.switchboard.platform.access;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.Topics;
import io.switchboard.platform.kafka.CompactedTopicView;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.WebFilter;

/**
 * Access to every service: the admin token and the API keys (read from {@code access.api-keys}; its reader is
 * the health indicator {@code apiKeys}, part of readiness), the deny-by-default filter, and {@link Credential}
 * as a handler argument.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
@Import(OpenApiAccess.class)
public class AccessConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);
    /** The admin token's least length outside development. */
    public static final int ADMIN_TOKEN_MIN_LENGTH = 24;

    @Bean
    ApiKeys apiKeyTable() {
        return new ApiKeys();
    }

    @Bean("apiKeys")
    CompactedTopicView apiKeysView(ApiKeys keys, KafkaProperties kafka, ApplicationEventPublisher events,
                                   MeterRegistry meters, AccessProperties properties) {
        return new CompactedTopicView(Topics.API_KEYS.name(), kafka.buildConsumerProperties(), keys::apply, events, meters,
                properties.keysBackoff());
    }

    @Bean
    PublicPaths healthPaths() {
        return new PublicPaths(Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"));
    }

    @Bean
    WebFilter accessFilter(ApiKeys keys, AccessProperties properties, List<PublicPaths> publicPaths,
                           List<ReadOnlyPaths> readOnlyPaths, List<TenantWritePaths> tenantWritePaths) {
        Secrets.require("SWITCHBOARD_ADMIN_TOKEN (switchboard.access.admin-token)", properties.adminToken(),
                ADMIN_TOKEN_MIN_LENGTH, properties.devSecrets());
        if (properties.devSecrets()) {
            log.warn("DEVELOPMENT SECRETS ALLOWED (SWITCHBOARD_DEV_SECRETS=true): blank or well-known secrets are "
                    + "accepted. Never run a deployment like this.");
        }
        return new AccessFilter(keys, properties.adminToken(), publicPaths, readOnlyPaths, tenantWritePaths);
    }

    @Bean
    WebFluxConfigurer credentialArguments() {
        return new WebFluxConfigurer() {
            @Override
            public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
                configurer.addCustomResolver(new CredentialResolver());
            }
        };
    }
}
