package io.switchboard.ingress.edge.telnyx;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.SignedTimestamps;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Telnyx's webhook signature: Ed25519 over {@code "<telnyx-timestamp>|<raw body>"}, base64 in
 * {@code telnyx-signature-ed25519}, checked with the account's public key (base64 of its 32 raw bytes, as Telnyx shows
 * it). A timestamp further than the tolerance from now, either way, is refused, so a captured webhook cannot be played
 * again later. Verified over the bytes as received, never a re-serialised body; the JDK's Ed25519, no other library.
 */
final class TelnyxSignatures {
    static final String SIGNATURE = "telnyx-signature-ed25519";
    static final String TIMESTAMP = "telnyx-timestamp";
    /** DER prefix of an X.509 SubjectPublicKeyInfo for an Ed25519 key (RFC 8410): the 32 key bytes follow. */
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey key;
    private final Duration tolerance;
    private final Clock clock;

    TelnyxSignatures(String publicKeyBase64, Duration tolerance, Clock clock) {
        this.key = publicKey(publicKeyBase64);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Returns normally when Telnyx signed this body at an acceptable time; else a 401 saying what is wrong. */
    void verify(byte[] body, String signature, String timestamp) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw ApiException.unauthorized("missing signature: Telnyx sends '" + SIGNATURE + "' and '" + TIMESTAMP + "'");
        }
        SignedTimestamps.check(TIMESTAMP, timestamp, tolerance, clock);
        if (!valid(body, signature.trim(), timestamp.trim())) {
            throw ApiException.unauthorized("invalid signature: not signed by the configured Telnyx public key");
        }
    }

    private boolean valid(byte[] body, String signature, String timestamp) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update((timestamp + "|").getBytes(StandardCharsets.UTF_8));
            ed25519.update(body);
            return ed25519.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not base64, or not a signature at all
        }
    }

    private static PublicKey publicKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TELNYX_PUBLIC_KEY is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("TELNYX_PUBLIC_KEY must be the 32-byte Ed25519 public key in base64, as "
                    + "Telnyx shows it; it decodes to " + raw.length + " bytes");
        }
        byte[] der = new byte[X509_ED25519_PREFIX.length + raw.length];
        System.arraycopy(X509_ED25519_PREFIX, 0, der, 0, X509_ED25519_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_ED25519_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TELNYX_PUBLIC_KEY is not an Ed25519 public key", e);
        }
    }
}
