package io.switchboard.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Outside development a service refuses to start with a blank, short or well-known secret, naming the setting. */
class SecretsUnitTests {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "secret", "devkey", "dev-admin-token", "CHANGE-ME", "change-me", "short-but-random-x9"})
    void aWeakAdminTokenStopsTheServiceWithAMessageNamingTheSetting(String token) {
        assertThatThrownBy(() -> accessFilter(token, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start")
                .hasMessageContaining("SWITCHBOARD_ADMIN_TOKEN");
    }

    @Test
    void aStrongTokenStartsAndDevelopmentAcceptsTheWellKnownOnes() {
        assertThatCode(() -> accessFilter("k3Jw9QpZ2rT8vX5mN1bL7cF4", false)).doesNotThrowAnyException();
        assertThatCode(() -> accessFilter("dev-admin-token", true)).doesNotThrowAnyException();
        assertThatCode(() -> accessFilter(null, true)).doesNotThrowAnyException();
    }

    @Test
    void problemsNameWhatIsWrong() {
        assertThat(Secrets.problem("X", null, 32)).isEqualTo("X is not set");
        assertThat(Secrets.problem("X", "secret", 32)).isEqualTo("X is a well-known development value");
        assertThat(Secrets.problem("X", "a".repeat(31), 32)).isEqualTo("X is shorter than 32 characters");
        assertThat(Secrets.problem("X", "a".repeat(32), 32)).isNull();
    }

    private static void accessFilter(String token, boolean devSecrets) {
        new AccessConfiguration().accessFilter(new ApiKeys(), new AccessProperties(token, devSecrets, Duration.ofSeconds(1)),
                List.of(), List.of(), List.of());
    }
}
