package io.switchboard.stack.testing.telnyx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Signs webhooks as a Telnyx account does, for tests: a real Ed25519 key pair made per signer, Ed25519 over
 * {@code "<timestamp>|<body>"}, the signature and the timestamp in Telnyx's headers.
 */
public final class TelnyxSigner {
    public static final String SIGNATURE = "telnyx-signature-ed25519";
    public static final String TIMESTAMP = "telnyx-timestamp";

    private final KeyPair keys;

    public TelnyxSigner() {
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as Telnyx's portal shows it (TELNYX_PUBLIC_KEY): base64 of its 32 raw bytes. */
    public String publicKey() {
        byte[] der = keys.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length));
    }

    /** Telnyx's headers for {@code body} sent at {@code epochSecond}. */
    public Map<String, String> headers(String body, long epochSecond) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(keys.getPrivate());
            ed25519.update((epochSecond + "|" + body).getBytes(StandardCharsets.UTF_8));
            return Map.of(SIGNATURE, Base64.getEncoder().encodeToString(ed25519.sign()), TIMESTAMP, Long.toString(epochSecond));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
