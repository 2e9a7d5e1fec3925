package io.switchboard.ingress;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.livekit.server.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signs requests the way LiveKit signs its webhooks (the local dev server's key and secret). */
public final class Livekit {
    public static final String KEY = "devkey";
    public static final String SECRET = "secret";
    /** The key a rotation moves to, configured beside the first in every test ingress. */
    public static final String ROTATED_KEY = "APIrotated2026";
    public static final String ROTATED_SECRET = "f3T9qLx2Vw8ZkR4mB7nC1pD6sG0hJ5aE";
    public static final MediaType WEBHOOK_JSON = MediaType.parseMediaType("application/webhook+json");

    private Livekit() {
    }

    public static String sign(String body) {
        return sign(body, KEY, SECRET);
    }

    public static String sign(String body, String key, String secret) {
        AccessToken token = new AccessToken(key, secret);
        token.setSha256(sha256(body));
        return token.toJwt();
    }

    /** A token that is right in every way but expired a minute ago. */
    public static String expired(String body) {
        return JWT.create().withIssuer(KEY).withClaim("sha256", sha256(body)).withNotBefore(Instant.now().minusSeconds(600))
                .withExpiresAt(Instant.now().minusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
    }

    public static String sha256(String body) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static WebTestClient.ResponseSpec sipInbound(WebTestClient client, String body) {
        return client.post().uri("/api/v1/webhooks/livekit/sip-inbound").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", sign(body)).bodyValue(body).exchange();
    }

    public static WebTestClient.ResponseSpec event(WebTestClient client, String body) {
        return client.post().uri("/api/v1/webhooks/livekit/events").contentType(WEBHOOK_JSON)
                .header("Authorization", sign(body)).bodyValue(body).exchange();
    }

    /** A sip-inbound body as the edge sends it. */
    public static String sipInboundBody(String callId, String from, String to, String room) {
        return """
                {"call_id":"%s","trunk_id":"ST_trunk1","trunk_phone_number":"%s","from_number":"%s","to_number":"%s",\
                "room_name":"%s","timestamp":"2026-11-21T10:15:30.250Z"}""".formatted(callId, to, from, to, room);
    }
}
