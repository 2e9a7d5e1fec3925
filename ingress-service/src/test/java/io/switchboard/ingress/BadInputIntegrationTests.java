package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.Topics;
import io.switchboard.platform.Credentials;
import io.switchboard.stack.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Someone else's bad input, at every ingress endpoint: each case is a 4xx in the JSON error shape, and none
 * emits an event (every case's ids carry the run's marker, which no event on the topics may carry).
 */
@IngressTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIntegrationTests {
    static final String MARK = "corpus" + UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SIP = "/api/v1/webhooks/livekit/sip-inbound";
    private static final String EVENTS = "/api/v1/webhooks/livekit/events";
    private static final String TEST = "/api/v1/webhooks/test";

    @LocalServerPort
    int port;

    /** One request: where, what, how it is signed (sign: LiveKit JWT over these bytes), and the status it must get. */
    record Case(String name, String path, String contentType, byte[] body, String authorization, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        String good = sip("ok", "+15551234567", "+18588796658", "room-" + MARK);
        c.add(signed("sip: malformed JSON", SIP, "{\"call_id\":", 400));
        c.add(signed("sip: a JSON array", SIP, "[]", 400));
        c.add(signed("sip: a JSON string", SIP, "\"call\"", 400));
        c.add(signed("sip: an empty body", SIP, "", 400));
        c.add(signed("sip: no call_id", SIP, good.replace("\"call_id\":\"" + MARK + "-ok\",", ""), 400));
        c.add(signed("sip: no from_number", SIP, good.replace("\"from_number\":\"+15551234567\",", ""), 400));
        c.add(signed("sip: no to_number", SIP, good.replace("\"to_number\":\"+18588796658\",", ""), 400));
        c.add(signed("sip: no room_name", SIP, good.replace(",\"room_name\":\"room-" + MARK + "\"", ""), 400));
        c.add(signed("sip: call_id an object", SIP, good.replace("\"" + MARK + "-ok\"", "{\"id\":1}"), 400));
        c.add(signed("sip: room_name an array", SIP, good.replace("\"room-" + MARK + "\"", "[\"r\"]"), 400));
        c.add(signed("sip: to_number not a number", SIP, good.replace("+18588796658", "hello"), 400));
        c.add(signed("sip: from_number too short", SIP, good.replace("+15551234567", "12"), 400));
        c.add(signed("sip: trunk_phone_number not a number", SIP, good.replace("}", ",\"trunk_phone_number\":\"abc\"}"), 400));
        c.add(signed("sip: timestamp not a time", SIP, good.replace("}", ",\"timestamp\":\"yesterday\"}"), 400));
        c.add(signed("sip: timestamp in 1900", SIP, good.replace("}", ",\"timestamp\":\"1900-01-01T00:00:00Z\"}"), 400));
        c.add(signed("sip: NUL in call_id", SIP, good.replace(MARK + "-ok", MARK + "-nul\\u0000x"), 400));
        c.add(signed("sip: new line in call_id", SIP, good.replace(MARK + "-ok", MARK + "-nl\\nx"), 400));
        c.add(signed("sip: room_name of 300 characters", SIP, good.replace("room-" + MARK, "room-" + MARK + "x".repeat(300)), 400));
        c.add(signed("sip: bell in trunk_id", SIP, good.replace("}", ",\"trunk_id\":\"ST\\u0007\"}"), 400));
        c.add(signedBytes("sip: invalid UTF-8", SIP, "application/json", invalidUtf8(good), 400));
        c.add(signed("sip: a body over 64 KiB", SIP, good.replace("}", ",\"pad\":\"" + "x".repeat(70_000) + "\"}"), 413));
        c.add(signedBytes("sip: text/plain", SIP, "text/plain", bytes(good), 415));
        c.add(new Case("sip: no signature", SIP, "application/json", bytes(good), null, 401));
        c.add(new Case("sip: wrong secret", SIP, "application/json", bytes(good), Livekit.sign(good, Livekit.KEY, "nope"), 401));
        c.add(new Case("sip: expired", SIP, "application/json", bytes(good), Livekit.expired(good), 401));
        c.add(new Case("sip: token of another body", SIP, "application/json", bytes(good), Livekit.sign(good + " "), 401));
        c.add(new Case("sip: unknown key", SIP, "application/json", bytes(good), Livekit.sign(good, "APIstranger", "s"), 401));
        c.add(new Case("sip: not a JWT", SIP, "application/json", bytes(good), "Bearer garbage", 401));
        c.add(new Case("sip: ';' in the path", SIP + ";x=1", "application/json", bytes(good), Livekit.sign(good), 400));
        c.add(new Case("sip: encoded dot segment", "/api/v1/webhooks/livekit/%2e%2e/livekit/sip-inbound", "application/json",
                bytes(good), Livekit.sign(good), 400));

        String joined = "{\"event\":\"participant_joined\", \"room\":{\"name\":\"room-" + MARK + "\"}, \"participant\":"
                + "{\"identity\":\"sip_1\", \"kind\":\"SIP\", \"attributes\":{\"sip.callID\":\"" + MARK
                + "-ev\", \"sip.phoneNumber\":\"+15551234567\", \"sip.trunkPhoneNumber\":\"+18588796658\"}}, \"id\":\"EV_"
                + MARK + "\", \"createdAt\":\"1795000000\"}";
        c.add(event("events: malformed JSON", "{\"event\":", 400));
        c.add(event("events: createdAt not a number", joined.replace("\"1795000000\"", "\"soon\""), 400));
        c.add(event("events: createdAt in the year 5000", joined.replace("1795000000", "95617584000"), 400));
        c.add(event("events: NUL in the room name", joined.replace("room-" + MARK, "room-" + MARK + "\\u0000"), 400));
        c.add(event("events: room name of 300 characters", joined.replace("room-" + MARK, "r".repeat(300)), 400));
        c.add(event("events: control character in the call id", joined.replace(MARK + "-ev", MARK + "\\u001b[31m"), 400));
        c.add(event("events: escape in the identity", joined.replace("sip_1", "sip\\u0008"), 400));
        c.add(event("events: a body over 64 KiB", joined.replace("}}, \"id\"", "}, \"name\":\"" + "n".repeat(70_000)
                + "\"}, \"id\""), 413));
        c.add(signedBytes("events: text/plain", EVENTS, "text/plain", bytes(joined), 415));
        c.add(new Case("events: no signature", EVENTS, "application/webhook+json", bytes(joined), null, 401));
        c.add(new Case("events: forged", EVENTS, "application/webhook+json", bytes(joined),
                Livekit.sign(joined, Livekit.KEY, "forged-forged-forged-forged-forged"), 401));
        c.add(new Case("events: expired", EVENTS, "application/webhook+json", bytes(joined), Livekit.expired(joined), 401));
        c.add(new Case("events: token of another body", EVENTS, "application/webhook+json", bytes(joined),
                Livekit.sign(joined.replace(MARK, "other")), 401));

        String dry = "{\"to_number\":\"+18588796658\",\"from_number\":\"+15551234567\"}";
        String admin = Credentials.bearer(io.switchboard.stack.testing.SharedStackInitializer.ADMIN_TOKEN);
        c.add(new Case("test: no key", TEST, "application/json", bytes(dry), null, 401));
        c.add(new Case("test: a key that does not exist", TEST, "application/json", bytes(dry),
                "Bearer sbk_" + "0".repeat(32) + "_" + "A".repeat(43), 401));
        c.add(new Case("test: malformed JSON", TEST, "application/json", bytes("{"), admin, 400));
        c.add(new Case("test: no to_number", TEST, "application/json", bytes("{\"from_number\":\"+15551234567\"}"), admin, 400));
        c.add(new Case("test: to_number not a number", TEST, "application/json", bytes(dry.replace("+18588796658", "x")), admin, 400));
        c.add(new Case("test: text/plain", TEST, "text/plain", bytes(dry), admin, 415));
        c.add(new Case("test: encoded path", "/api/v1/webhooks%2ftest", "application/json", bytes(dry), admin, 400));
        return c.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAClearError(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                .header("Content-Type", c.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.authorization() != null) {
            request.header("Authorization", c.authorization());
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(c.status());
        assertThat(answer.body()).as("the JSON error shape").matches("(?s)\\{\"error\":\"[a-z_]+\",\"message\":\".+\"\\}");
    }

    @Order(2)
    @Test
    void noCaseEmittedAnEvent() {
        for (var topic : List.of(Topics.CALL_STARTED, Topics.CALL_ENDED, Topics.ROOM_FINISHED)) {
            assertThat(TopicReader.readAll(topic)).as(topic.name())
                    .noneMatch(r -> r.key() != null && r.key().contains(MARK) || String.valueOf(r.value()).contains(MARK));
        }
    }

    private static String sip(String id, String from, String to, String room) {
        return "{\"call_id\":\"" + MARK + "-" + id + "\",\"from_number\":\"" + from + "\",\"to_number\":\"" + to
                + "\",\"room_name\":\"" + room + "\"}";
    }

    private static Case signed(String name, String path, String body, int status) {
        return signedBytes(name, path, "application/json", bytes(body), status);
    }

    private static Case event(String name, String body, int status) {
        return signedBytes(name, EVENTS, "application/webhook+json", bytes(body), status);
    }

    private static Case signedBytes(String name, String path, String type, byte[] body, int status) {
        return new Case(name, path, type, body, Livekit.sign(new String(body, StandardCharsets.UTF_8)), status);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The body with a byte sequence that is not UTF-8 inside the caller's number. */
    private static byte[] invalidUtf8(String body) {
        byte[] b = bytes(body.replace("+15551234567", "+1555123456#"));
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '#') {
                b[i] = (byte) 0xC3;
            }
        }
        return b;
    }
}
