package io.switchboard.ingress;

import io.switchboard.platform.Switchboard;
import io.switchboard.platform.phone.PhoneNumbers;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Answers LiveKit's sip-inbound webhook from an in-memory routing table and emits call events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngressApplication {
    public static void main(String[] args) {
        Switchboard.run(IngressApplication.class, args);
    }

    @Bean
    PhoneNumbers phoneNumbers(IngressProperties properties) {
        return new PhoneNumbers(properties.defaultRegion());
    }
}
