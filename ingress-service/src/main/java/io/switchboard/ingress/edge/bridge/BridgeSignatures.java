package io.switchboard.ingress.edge.bridge;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.SignedTimestamps;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A media bridge's signature: {@code X-Switchboard-Signature: sha256=<hex>}, HMAC-SHA256 with the shared secret over
 * {@code "<X-Switchboard-Timestamp>.<raw body>"} (Unix seconds), compared in constant time; a timestamp further than
 * the tolerance from now is refused.
 */
final class BridgeSignatures {
    static final String SIGNATURE = "X-Switchboard-Signature";
    static final String TIMESTAMP = "X-Switchboard-Timestamp";

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    BridgeSignatures(String secret, Duration tolerance, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The signature header's value for {@code body} at {@code timestamp}: what a bridge sends. */
    static String sign(String secret, long timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), timestamp, body));
    }

    void verify(byte[] body, String signature, String timestamp) {
        if (signature == null || timestamp == null) {
            throw ApiException.unauthorized("missing signature: send '" + SIGNATURE + "' and '" + TIMESTAMP + "'");
        }
        long seconds = SignedTimestamps.check(TIMESTAMP, timestamp, tolerance, clock);
        byte[] expected = sign(new String(secret, StandardCharsets.UTF_8), seconds, body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.unauthorized("invalid signature: not signed with the configured bridge secret");
        }
    }

    private static byte[] mac(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
