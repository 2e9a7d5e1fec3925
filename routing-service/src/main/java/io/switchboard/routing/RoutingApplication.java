package io.switchboard.routing;

import io.switchboard.platform.Switchboard;
import io.switchboard.platform.phone.PhoneNumbers;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Owns tenants, campaigns, phone numbers and agents, and publishes the resolved routing entries. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RoutingApplication {
    public static void main(String[] args) {
        Switchboard.run(RoutingApplication.class, args);
    }

    @Bean
    PhoneNumbers phoneNumbers(RoutingProperties properties) {
        return new PhoneNumbers(properties.defaultRegion());
    }
}
