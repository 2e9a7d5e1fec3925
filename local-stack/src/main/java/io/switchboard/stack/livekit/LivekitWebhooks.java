package io.switchboard.stack.livekit;

import io.livekit.server.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Signs a webhook body as LiveKit does: an HS256 JWT by the API key, with the body's SHA-256 in the {@code sha256} claim. */
public final class LivekitWebhooks {
    private LivekitWebhooks() {
    }

    public static String sign(String body, String apiKey, String apiSecret) {
        try {
            AccessToken token = new AccessToken(apiKey, apiSecret);
            token.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8))));
            return token.toJwt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
