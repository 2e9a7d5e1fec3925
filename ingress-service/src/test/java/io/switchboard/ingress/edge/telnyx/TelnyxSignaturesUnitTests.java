package io.switchboard.ingress.edge.telnyx;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signed as Telnyx signs, with a real Ed25519 key pair: genuine passes; forged, replayed, unsigned are refused. */
class TelnyxSignaturesUnitTests {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final byte[] BODY = "{\"data\":{\"event_type\":\"call.initiated\",\"id\":\"e1\"}}".getBytes(StandardCharsets.UTF_8);

    private final KeyPair account = pair();
    private final TelnyxSignatures signatures = new TelnyxSignatures(rawPublicKey(account), Duration.ofMinutes(5),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aWebhookSignedWithTheAccountsKeyWithinFiveMinutesPasses() throws Exception {
        String ts = String.valueOf(NOW.minusSeconds(299).getEpochSecond());
        assertThatCode(() -> signatures.verify(BODY, sign(account, ts, BODY), ts)).doesNotThrowAnyException();
    }

    @Test
    void forgedAlteredReplayedAndUnsignedWebhooksAreRefused() throws Exception {
        String ts = String.valueOf(NOW.getEpochSecond());
        byte[] altered = Arrays.copyOf(BODY, BODY.length);
        altered[10] ^= 1;
        refused(BODY, sign(pair(), ts, BODY), ts, "not signed by the configured Telnyx public key");
        refused(altered, sign(account, ts, BODY), ts, "not signed by the configured Telnyx public key");
        refused(BODY, sign(account, ts, BODY), String.valueOf(NOW.getEpochSecond() + 1), "not signed");
        String old = String.valueOf(NOW.minusSeconds(301).getEpochSecond());
        refused(BODY, sign(account, old, BODY), old, "at most 300 s");
        String ahead = String.valueOf(NOW.plusSeconds(301).getEpochSecond());
        refused(BODY, sign(account, ahead, BODY), ahead, "at most 300 s");
        refused(BODY, null, ts, "missing signature");
        refused(BODY, sign(account, ts, BODY), null, "missing signature");
        refused(BODY, "not base64!", ts, "not signed");
        refused(BODY, sign(account, ts, BODY), "yesterday", "not a Unix time");
    }

    @Test
    void aPublicKeyThatIsNotThe32RawBytesStopsTheStart() {
        assertThatThrownBy(() -> new TelnyxSignatures("c2hvcnQ=", Duration.ofMinutes(5), Clock.systemUTC()))
                .hasMessageContaining("32-byte");
        assertThatThrownBy(() -> new TelnyxSignatures("%%%", Duration.ofMinutes(5), Clock.systemUTC()))
                .hasMessageContaining("not base64");
    }

    private void refused(byte[] body, String signature, String timestamp, String because) {
        assertThatThrownBy(() -> signatures.verify(body, signature, timestamp)).isInstanceOf(ApiException.class)
                .hasMessageContaining(because).extracting(e -> ((ApiException) e).status().value()).isEqualTo(401);
    }

    private static String sign(KeyPair key, String timestamp, byte[] body) throws Exception {
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(key.getPrivate());
        ed25519.update((timestamp + "|").getBytes(StandardCharsets.UTF_8));
        ed25519.update(body);
        return Base64.getEncoder().encodeToString(ed25519.sign());
    }

    /** As Telnyx shows an account's key: the raw 32 bytes (the tail of the X.509 encoding), base64. */
    private static String rawPublicKey(KeyPair key) {
        byte[] x509 = key.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
    }

    private static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
