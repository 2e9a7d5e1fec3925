package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.SharedStackInitializer;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SignalWire asks for SWML (GET, form POST or JSON POST, each signed its own way) and gets a document that connects the
 * caller to LiveKit's SIP URI in the call's room, which holds the routed agent; the bridged caller's LiveKit join and
 * departure then find the SignalWire call by the headers it carried. Unsigned or forged requests change nothing.
 */
@IngressTest
@ContextConfiguration(initializers = {SharedStackInitializer.class, CarrierEdges.class})
class SignalwireIntegrationTests {
    private static final String CALLER = "+15550002222";
    private static final String PATH = "/api/v1/webhooks/signalwire/swml";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final FakeLivekit livekit = SharedFakeLivekit.get();

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void aSignedGetIsAnsweredWithSwmlThatBridgesIntoTheRoomOfTheAgent() throws IOException {
        String callId = UUID.randomUUID().toString();
        String to = RoutingEntries.freshNumber();
        String url = url() + "?call_id=" + callId + "&from=%2B15550002222&to=" + to.replace("+", "%2B");
        String signature = Base64.getEncoder().encodeToString(hmac(url));

        JsonNode doc = JSON.readTree(client.get().uri(URI.create(url)).header("X-SignalWire-Signature", signature).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent());

        assertHasTheShapeOfTheSample(doc);
        JsonNode connect = doc.at("/sections/main/0/connect");
        String room = "signalwire_call_" + callId;
        assertThat(connect.get("to").asString()).isEqualTo("sip:" + room + "@" + CarrierEdges.SIP_HOST);
        assertThat(connect.get("headers").valueStream().map(h -> h.get("name").asString() + "=" + h.get("value").asString()))
                .containsExactly("X-Switchboard-Call-Id=" + callId, "X-Switchboard-To=" + to,
                        "X-Switchboard-Agent=telephony-agent", "X-Switchboard-Routing=unknown_number");
        CallStarted started = RoomEvents.single(Topics.CALL_STARTED, room);
        assertThat(started.getSource()).isEqualTo(EventSource.signalwire);
        assertThat(started.getCallId()).isEqualTo(callId);
        assertThat(livekit.dispatches(room)).singleElement()
                .satisfies(d -> assertThat(d.getAgentName()).isEqualTo("telephony-agent"));
    }

    @Test
    void aSignedJsonPostAndASignedFormPostAreAnsweredToo() {
        String jsonCall = UUID.randomUUID().toString();
        String body = """
                {"call":{"call_id":"%s","from":"%s","to":"%s","direction":"inbound","type":"phone"},"vars":{}}"""
                .formatted(jsonCall, CALLER, RoutingEntries.freshNumber());
        post(MediaType.APPLICATION_JSON, body, "X-SignalWire-Signature", HexFormat.of().formatHex(hmac(url() + body)))
                .expectStatus().isOk().expectBody().jsonPath("$.sections.main[0].connect.to").exists();
        String formCall = UUID.randomUUID().toString();
        String to = RoutingEntries.freshNumber();
        String form = "CallSid=" + formCall + "&From=%2B15550002222&To=" + to.replace("+", "%2B") + "&AccountSid=AC1";
        String signed = url() + "AccountSidAC1CallSid" + formCall + "From" + CALLER + "To" + to;
        post(MediaType.APPLICATION_FORM_URLENCODED, form, "X-Twilio-Signature", Base64.getEncoder().encodeToString(hmac(signed)))
                .expectStatus().isOk().expectBody().jsonPath("$.sections.main[0].connect.to").exists();

        assertThat(RoomEvents.single(Topics.CALL_STARTED, "signalwire_call_" + jsonCall).getSource()).isEqualTo(EventSource.signalwire);
        assertThat(RoomEvents.single(Topics.CALL_STARTED, "signalwire_call_" + formCall).getToNumber()).isEqualTo(to);
    }

    @Test
    void unsignedAndForgedRequestsAreRefusedAndChangeNothing() {
        String callId = UUID.randomUUID().toString();
        String body = "{\"call\":{\"call_id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\"}}".formatted(callId, CALLER,
                RoutingEntries.freshNumber());
        post(MediaType.APPLICATION_JSON, body, "X-Other", "x").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("unauthorized");
        String forged = body.replace(CALLER, "+15550009999");
        post(MediaType.APPLICATION_JSON, forged, "X-SignalWire-Signature", HexFormat.of().formatHex(hmac(url() + body)))
                .expectStatus().isUnauthorized();

        post(MediaType.APPLICATION_JSON, "{\"call\":{\"call_id\":\"ok\"}}", "X-SignalWire-Signature",
                HexFormat.of().formatHex(hmac(url() + "{\"call\":{\"call_id\":\"ok\"}}"))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("from"));
        assertThat(RoomEvents.records(Topics.CALL_STARTED, "signalwire_call_" + callId)).isEmpty();
    }

    @Test
    void theBridgedCallersJoinAndDepartureAtLivekitFindTheSignalwireCall() {
        String callId = UUID.randomUUID().toString();
        String to = RoutingEntries.freshNumber();
        String body = "{\"call\":{\"call_id\":\"%s\",\"from\":\"%s\",\"to\":\"%s\"}}".formatted(callId, CALLER, to);
        post(MediaType.APPLICATION_JSON, body, "X-SignalWire-Signature", HexFormat.of().formatHex(hmac(url() + body)))
                .expectStatus().isOk();
        String room = "signalwire_call_" + callId;
        RoomEvents.single(Topics.CALL_STARTED, room);

        var bridged = new LivekitEventsIntegrationTests.Call("SCL_lk" + callId.substring(0, 8), room, room);
        // what LiveKit makes of the X- headers on a trunk that includes them
        String headers = "\"sip.h.x-switchboard-call-id\":\"" + callId + "\", \"sip.h.x-switchboard-to\":\"" + to + "\", ";
        Livekit.event(client, bridged.joined().replace("\"sip.callID\"", headers + "\"sip.callID\"")).expectStatus().isOk();
        Livekit.event(client, bridged.left().replace("\"sip.callID\"", headers + "\"sip.callID\"")).expectStatus().isOk();

        List<CallStarted> reports = await().atMost(Duration.ofSeconds(20))
                .until(() -> RoomEvents.records(Topics.CALL_STARTED, room), r -> r.size() == 2);
        assertThat(reports).allSatisfy(r -> assertThat(r.getCallId()).isEqualTo(callId));
        assertThat(reports.get(1).getAnsweredAt()).isNotNull();
        CallEnded ended = RoomEvents.single(Topics.CALL_ENDED, room);
        assertThat(ended.getCallId()).isEqualTo(callId);
        assertThat(ended.getStatus()).isEqualTo("completed");
    }

    /** The document has the structure of a SWML sample written from SignalWire's reference (connect to a SIP URI). */
    private static void assertHasTheShapeOfTheSample(JsonNode doc) throws IOException {
        JsonNode sample;
        try (InputStream in = SignalwireIntegrationTests.class.getResourceAsStream("/signalwire/swml-connect-sip.json")) {
            sample = JSON.readTree(in);
        }
        assertThat(doc.get("version")).isEqualTo(sample.get("version"));
        assertThat(doc.propertyNames()).containsExactlyElementsOf(sample.propertyNames());
        assertThat(doc.get("sections").propertyNames()).containsExactly("main");
        JsonNode step = doc.at("/sections/main/0");
        assertThat(step.propertyNames()).containsExactly("connect");
        JsonNode connect = step.get("connect");
        JsonNode sampleConnect = sample.at("/sections/main/0/connect");
        assertThat(sampleConnect.propertyNames()).containsAll(connect.propertyNames());
        for (Iterator<String> names = connect.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            assertThat(connect.get(name).getNodeType()).as(name).isEqualTo(sampleConnect.get(name).getNodeType());
        }
        assertThat(connect.get("headers").valueStream()).allSatisfy(h ->
                assertThat(h.propertyNames()).containsExactlyInAnyOrderElementsOf(List.of("name", "value")));
    }

    private WebTestClient.ResponseSpec post(MediaType type, String body, String header, String signature) {
        return client.post().uri(URI.create(url())).contentType(type).header(header, signature)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    private static byte[] hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(CarrierEdges.SIGNALWIRE_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
