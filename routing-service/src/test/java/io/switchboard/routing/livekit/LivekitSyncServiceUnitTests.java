package io.switchboard.routing.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.platform.access.AccessProperties;
import io.switchboard.routing.RoutingProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The sync is off without LIVEKIT_URL, and outside development it refuses a well-known or short LiveKit secret. */
class LivekitSyncServiceUnitTests {

    @Test
    void withoutALivekitUrlNothingRuns() {
        LivekitSyncService service = service("", "secret", true);
        service.start();
        assertThat(service.isRunning()).isFalse();
        assertThat(service.sync()).isNull();
    }

    @Test
    void outsideDevelopmentAWellKnownOrShortSecretStopsTheStart() {
        assertThatThrownBy(() -> service("http://127.0.0.1:1", "secret", false).start())
                .hasMessageContaining("refusing to start").hasMessageContaining("LIVEKIT_API_SECRET");
        assertThatThrownBy(() -> service("http://127.0.0.1:1", "only-twenty-characters", false).start())
                .hasMessageContaining("shorter than 32");
    }

    private static LivekitSyncService service(String url, String secret, boolean devSecrets) {
        var properties = new LivekitSyncProperties(url, "devkey", secret, Duration.ofSeconds(1), null, "call",
                "default-agent", Duration.ofMinutes(5), Duration.ofSeconds(5), List.of(), null, null);
        var routing = new RoutingProperties("telephony-agent", "US",
                new RoutingProperties.Relay(1000, Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofSeconds(2)), 100_000);
        return new LivekitSyncService(properties, routing, new KafkaProperties(), new SimpleMeterRegistry(),
                new AccessProperties("an-admin-token-of-24-characters", devSecrets, Duration.ofSeconds(1)));
    }
}
