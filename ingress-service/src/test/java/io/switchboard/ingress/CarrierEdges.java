package io.switchboard.ingress;

import io.switchboard.stack.testing.telnyx.FakeTelnyx;
import io.switchboard.stack.testing.telnyx.TelnyxSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    public static final String BRIDGE_SECRET = "bridge-secret-for-tests-only-0123456789";
    public static final String SIP_HOST = "switchboard-test.sip.livekit.invalid;transport=tcp";
    private static final TelnyxSigner TELNYX = new TelnyxSigner();
    private static final FakeTelnyx FAKE_TELNYX = fakeTelnyx();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "switchboard.telnyx.public-key=" + telnyxPublicKey(),
                "switchboard.telnyx.api-key=" + TELNYX_API_KEY,
                "switchboard.telnyx.api-url=" + FAKE_TELNYX.url(),
                "switchboard.signalwire.signing-key=" + SIGNALWIRE_KEY,
                "switchboard.bridge.signing-secret=" + BRIDGE_SECRET,
                "switchboard.livekit.sip-uri=sip:" + SIP_HOST);
    }

    public static FakeTelnyx telnyx() {
        return FAKE_TELNYX;
    }

    public static String telnyxPublicKey() {
        return TELNYX.publicKey();
    }

    /** Telnyx's headers for {@code body} sent at {@code epochSecond}, signed with the account's private key. */
    public static Map<String, String> telnyxHeaders(String body, long epochSecond) {
        return TELNYX.headers(body, epochSecond);
    }

    /** SignalWire's signature of a request with no form body (a GET): base64 HMAC-SHA1 of the URL. */
    public static String signalwireCompat(String url) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(SIGNALWIRE_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(
                    mac.doFinal(url.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
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
