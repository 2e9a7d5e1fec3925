package io.switchboard.stack.testing;

import io.switchboard.stack.StackEndpoints;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the run's {@link SharedStack}: its broker, registry and database
 * take precedence over the services' local defaults; and at the JVM's {@link SharedFakeLivekit}.
 */
public final class SharedStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** The admin token of every service a test starts (development secrets allowed). */
    public static final String ADMIN_TOKEN = "test-admin-token";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        StackEndpoints stack = SharedStack.endpoints();
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("switchboard.access.admin-token", ADMIN_TOKEN),
                Map.entry("switchboard.access.dev-secrets", "true"),
                Map.entry("spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers()),
                Map.entry("switchboard.registry.url", stack.registryUrl()),
                Map.entry("spring.r2dbc.url", stack.r2dbcUrl()),
                Map.entry("spring.r2dbc.username", stack.dbUser()),
                Map.entry("spring.r2dbc.password", stack.dbPassword()),
                Map.entry("spring.flyway.url", stack.jdbcUrl()),
                Map.entry("spring.flyway.user", stack.dbUser()),
                Map.entry("spring.flyway.password", stack.dbPassword()),
                Map.entry("switchboard.livekit.url", SharedFakeLivekit.get().url()),
                Map.entry("switchboard.livekit.reconcile-interval", "5s"));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("shared-test-stack", properties));
    }
}
