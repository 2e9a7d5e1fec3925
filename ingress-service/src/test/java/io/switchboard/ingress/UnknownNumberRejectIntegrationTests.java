package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import io.switchboard.stack.testing.SharedStackInitializer;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With {@code unknown-number-policy: reject}, a call to a number with no routing emits nothing: sip-inbound answers
 * 404, Telnyx is told to reject it, SignalWire gets a SWML document that declines it.
 */
@IngressTest
@TestPropertySource(properties = "switchboard.ingress.unknown-number-policy=reject")
@ContextConfiguration(initializers = {SharedStackInitializer.class, CarrierEdges.class})
class UnknownNumberRejectIntegrationTests {

    @Autowired
    WebTestClient client;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

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

    @Test
    void aCarriersCallToAnUnknownNumberIsRejectedAtTheCarrierWithoutAnEvent() {
        TelnyxCall call = new TelnyxCall("+15551234567", RoutingEntries.freshNumber());
        TelnyxCall.post(client, call.initiated()).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("unknown_number");
        assertThat(CarrierEdges.telnyx().commands(call.controlId)).singleElement()
                .satisfies(c -> assertThat(c.action()).isEqualTo("reject"));

        String callId = java.util.UUID.randomUUID().toString();
        String url = "http://127.0.0.1:" + port + "/api/v1/webhooks/signalwire/swml?call_id=" + callId
                + "&from=%2B15551234567&to=" + RoutingEntries.freshNumber().replace("+", "%2B");
        client.get().uri(java.net.URI.create(url)).header("X-SignalWire-Signature", CarrierEdges.signalwireCompat(url))
                .exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.sections.main[0].hangup.reason").isEqualTo("decline");
        assertThat(io.switchboard.stack.testing.TopicReader.readAll(io.switchboard.events.Topics.CALL_STARTED))
                .noneMatch(r -> r.key().equals(call.room()) || r.key().equals("signalwire_call_" + callId));
    }
}
