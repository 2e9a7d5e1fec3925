package io.switchboard.loadgen;

import io.livekit.server.AccessToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Signs a webhook body as LiveKit does: an HS256 JWT issued by the API key, carrying the body's SHA-256. */
public final class LivekitSignature {
    private LivekitSignature() {
    }

    public static String sign(String apiKey, String apiSecret, String body) {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setSha256(sha256(body));
        return token.toJwt();
    }

    private static String sha256(String body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
