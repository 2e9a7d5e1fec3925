package io.switchboard.routing;

import io.switchboard.platform.Switchboard;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns tenants, campaigns, phone numbers and agents, and publishes the resolved routing entries. */
@SpringBootApplication
public class RoutingApplication {
    public static void main(String[] args) {
        Switchboard.run(RoutingApplication.class, args);
    }
}
