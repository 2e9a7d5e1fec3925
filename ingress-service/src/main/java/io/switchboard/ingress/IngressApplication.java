package io.switchboard.ingress;

import io.switchboard.platform.Switchboard;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Answers LiveKit's sip-inbound webhook from an in-memory routing table and emits call events. */
@SpringBootApplication
public class IngressApplication {
    public static void main(String[] args) {
        Switchboard.run(IngressApplication.class, args);
    }
}
