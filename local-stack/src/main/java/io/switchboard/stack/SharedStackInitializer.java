package io.switchboard.stack;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the run's {@link SharedStack}: its broker, registry and database
 * take precedence over the services' local defaults.
 */
public final class SharedStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        StackEndpoints stack = SharedStack.endpoints();
        Map<String, Object> properties = Map.of(
                "spring.kafka.bootstrap-servers", stack.kafkaBootstrapServers(),
                "switchboard.registry.url", stack.registryUrl(),
                "spring.r2dbc.url", stack.r2dbcUrl(),
                "spring.r2dbc.username", stack.dbUser(),
                "spring.r2dbc.password", stack.dbPassword(),
                "spring.flyway.url", stack.jdbcUrl(),
                "spring.flyway.user", stack.dbUser(),
                "spring.flyway.password", stack.dbPassword());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("shared-test-stack", properties));
    }
}
