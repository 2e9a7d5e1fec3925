package io.switchboard.ingress.edge.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.livekit.server.WebhookReceiver;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.platform.access.AccessProperties;
import io.switchboard.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import livekit.LivekitWebhook.WebhookEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Verifies LiveKit's signature over a webhook's raw bytes with the LiveKit SDK: an HS256 JWT issued by one of the
 * API keys, unexpired, whose {@code sha256} claim is the body's digest.
 */
@Component
class LivekitSignatures {
    static final String SIGNATURE_HEADER = "X-LiveKit-Signature";

    private final LivekitKeys keys;

    LivekitSignatures(IngressProperties properties, AccessProperties access) {
        this.keys = new LivekitKeys(properties, access.devSecrets());
    }

    /**
     * Verifies the body's signature and parses it as LiveKit's WebhookEvent (proto3 JSON; unknown fields
     * ignored). 401 for a missing, forged, expired or mismatched signature; 400 for a body that is not JSON.
     */
    WebhookEvent verify(byte[] body, ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return verify(body, headers.getFirst(HttpHeaders.AUTHORIZATION), headers.getFirst(SIGNATURE_HEADER));
    }

    /** The same, given the {@code Authorization} and {@code X-LiveKit-Signature} header values (either may be null). */
    WebhookEvent verify(byte[] body, String authorization, String signature) {
        String token = token(authorization, signature);
        if (token == null) {
            throw ApiException.unauthorized("missing signature: send the LiveKit JWT in 'Authorization'");
        }
        WebhookReceiver receiver = keys.forToken(token);
        if (receiver == null) {
            throw ApiException.unauthorized("invalid signature: the token is not signed by a known API key");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            return receiver.receive(text, token);
        } catch (Exception e) { // the SDK (Kotlin) throws the checked parse exception undeclared
            if (e instanceof InvalidProtocolBufferException) { // signature was fine; the JSON is not
                throw ApiException.badRequest("malformed_json", "the request body is not valid JSON");
            }
            throw ApiException.unauthorized("invalid signature: " + reason(e));
        }
    }

    private static String token(String authorization, String signature) {
        String value = authorization;
        if (value == null || value.isBlank()) {
            value = signature;
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value;
    }

    private static String reason(Exception e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("Expired")) {
            return "the token has expired";
        }
        if (e.getMessage() != null && e.getMessage().contains("sha256")) {
            return "the body does not match the token's sha256";
        }
        return "the token is not valid for this API key and secret";
    }
}
