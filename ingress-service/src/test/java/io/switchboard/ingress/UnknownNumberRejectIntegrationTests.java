package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With {@code unknown-number-policy: reject}, a call to a number with no routing is a 404 and emits nothing. */
@IngressTest
@TestPropertySource(properties = "switchboard.ingress.unknown-number-policy=reject")
class UnknownNumberRejectIntegrationTests {

    @Autowired
    WebTestClient client;

    @Test
    void aCallToAnUnknownNumberIsRejectedWithoutAnEvent() {
        String callId = SipInboundIntegrationTests.callId();
        String to = RoutingEntries.freshNumber();
        String body = Livekit.sipInboundBody(callId, "+15551234567", to, "call-" + callId);
        Livekit.sipInbound(client, body).expectStatus().isNotFound().expectBody()
                .jsonPath("$.error").isEqualTo("unknown_number")
                .jsonPath("$.message").value(m -> assertThat((String) m).contains(to));
        Livekit.sipInbound(client, body).expectStatus().isNotFound();
        assertThat(SipInboundIntegrationTests.eventsFor(callId)).isEmpty();
    }
}
