package io.switchboard.ingress;

import io.switchboard.stack.testing.telnyx.FakeTelnyx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The carriers' side of the carrier edges, for tests: a Telnyx account (a real Ed25519 key pair whose public half the
 * ingress trusts, and a fake Call Control API), SignalWire's signing key, and LiveKit's SIP URI. One initializer, so
 * every test class that uses it shares one started ingress.
 */
public final class CarrierEdges implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String TELNYX_API_KEY = "KEY_switchboard_test";
    public static final String SIGNALWIRE_KEY = "PSK_switchboard_test_signing_key";
    public static final String SIP_HOST = "switchboard-test.sip.livekit.invalid;transport=tcp";
    private static final KeyPair TELNYX = keyPair();
    private static final FakeTelnyx FAKE_TELNYX = fakeTelnyx();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "switchboard.telnyx.public-key=" + telnyxPublicKey(),
                "switchboard.telnyx.api-key=" + TELNYX_API_KEY,
                "switchboard.telnyx.api-url=" + FAKE_TELNYX.url(),
                "switchboard.signalwire.signing-key=" + SIGNALWIRE_KEY,
                "switchboard.livekit.sip-uri=sip:" + SIP_HOST);
    }

    public static FakeTelnyx telnyx() {
        return FAKE_TELNYX;
    }

    /** The public key as Telnyx's portal shows it: base64 of its 32 raw bytes (the end of its X.509 encoding). */
    public static String telnyxPublicKey() {
        byte[] der = TELNYX.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length));
    }

    /** Telnyx's headers for {@code body} sent at {@code epochSecond}, signed with the account's private key. */
    public static Map<String, String> telnyxHeaders(String body, long epochSecond) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(TELNYX.getPrivate());
            ed25519.update((epochSecond + "|" + body).getBytes(StandardCharsets.UTF_8));
            return Map.of("telnyx-signature-ed25519", Base64.getEncoder().encodeToString(ed25519.sign()),
                    "telnyx-timestamp", Long.toString(epochSecond));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FakeTelnyx fakeTelnyx() {
        try {
            return FakeTelnyx.start(TELNYX_API_KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
