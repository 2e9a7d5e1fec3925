package io.switchboard.routing;

import io.switchboard.platform.ServiceIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Every routing-service test runs in this one context, so that exactly one outbox relay works against
 * the shared database while tests watch what it publishes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@Import(FlakyPublisher.Config.class)
@TestPropertySource(properties = {"switchboard.routing.relay.retry-backoff=200ms",
        "switchboard.livekit.trunk-allowed-addresses=192.0.2.0/24,198.51.100.7"})
@interface RoutingServiceTest {
}
