package io.switchboard.ingress.edge.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livekit.server.AccessToken;
import io.switchboard.ingress.IngressProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** LiveKit's keys: a rotation verifies either key; a weak secret outside development stops the service. */
class LivekitKeysUnitTests {
    private static final String OLD = "old-secret-old-secret-old-secret-0";
    private static final String NEW = "new-secret-new-secret-new-secret-1";

    @Test
    void parsesKeySecretPairsAsLivekitWritesThem() {
        assertThat(LivekitKeys.parse("APIone: s1, APItwo:s2\nAPIthree : s3:with:colons")).containsExactly(
                Map.entry("APIone", "s1"), Map.entry("APItwo", "s2"), Map.entry("APIthree", "s3:with:colons"));
        assertThat(LivekitKeys.parse(" ")).isEmpty();
        assertThatThrownBy(() -> LivekitKeys.parse("APIone")).hasMessageContaining("'APIone' is not a 'key: secret' pair");
    }

    @Test
    void eachTokenIsCheckedByTheKeyThatSignedIt() {
        LivekitKeys keys = new LivekitKeys(properties("APIold", OLD, "APInew: " + NEW), false);
        assertThat(keys.forToken(token("APIold", OLD))).isNotNull();
        assertThat(keys.forToken(token("APInew", NEW))).isNotNull().isNotSameAs(keys.forToken(token("APIold", OLD)));
        assertThat(keys.forToken(token("APIother", NEW))).isNull();
        assertThat(keys.forToken("not.a-jwt")).isNull();
    }

    @Test
    void aWeakSecretStopsTheServiceUnlessInDevelopment() {
        assertThatThrownBy(() -> new LivekitKeys(properties("devkey", "secret", null), false))
                .hasMessageContaining("refusing to start").hasMessageContaining("LIVEKIT_API_SECRET");
        assertThatThrownBy(() -> new LivekitKeys(properties("APIold", OLD, "APInew: short"), false))
                .hasMessageContaining("'APInew'").hasMessageContaining("shorter than 32");
        assertThat(new LivekitKeys(properties("devkey", "secret", null), true).forToken(token("devkey", "secret")))
                .isNotNull();
    }

    private static String token(String key, String secret) {
        AccessToken token = new AccessToken(key, secret);
        token.setSha256("x");
        return token.toJwt();
    }

    private static IngressProperties properties(String key, String secret, String more) {
        return new IngressProperties(key, secret, more, IngressProperties.UnknownNumberPolicy.DEFAULT_AGENT,
                "telephony-agent", "US", DataSize.ofKilobytes(64), Duration.ofSeconds(1), java.nio.file.Path.of("spool"), Duration.ofMinutes(10),
                DataSize.ofMegabytes(64), Duration.ofMinutes(30), 1000, 1000);
    }
}
