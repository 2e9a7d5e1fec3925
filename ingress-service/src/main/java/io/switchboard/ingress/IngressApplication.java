package io.switchboard.ingress;

import io.switchboard.platform.Switchboard;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.RawBodies;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Answers LiveKit's sip-inbound webhook from an in-memory routing table and emits call events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngressApplication {
    static final String IO_WORKERS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        // Nothing on the event loops blocks, so one loop per core; Reactor Netty's default (at least four) had two
        // cores switching between four loops: ~10% more CPU a call. -Dreactor.netty.ioWorkerCount still decides.
        if (System.getProperty(IO_WORKERS) == null) {
            System.setProperty(IO_WORKERS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        Switchboard.run(IngressApplication.class, args);
    }

    @Bean
    PhoneNumbers phoneNumbers(IngressProperties properties) {
        return new PhoneNumbers(properties.defaultRegion());
    }

    /** Every edge's raw bodies, under one size limit ({@code switchboard.ingress.max-body}). */
    @Bean
    RawBodies rawBodies(IngressProperties properties) {
        return new RawBodies((int) properties.maxBody().toBytes());
    }
}
