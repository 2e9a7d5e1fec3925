package io.switchboard.ingress.edge.telnyx;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Telnyx Call Control (README, "Telnyx").
 *
 * @param publicKey          TELNYX_PUBLIC_KEY: the account's Ed25519 public key, base64, as the portal shows it; blank:
 *                           the Telnyx webhook answers 404 {@code not_configured}
 * @param apiKey             TELNYX_API_KEY: the bearer key for Call Control commands
 * @param apiUrl             TELNYX_API_URL: Telnyx's v2 API
 * @param signatureTolerance how far a webhook's timestamp may be from now, either way (replays are refused)
 * @param commandTimeout     one command to Telnyx
 * @param commandAttempts    tries of a command while Telnyx is unavailable (connection errors, 429, 5xx), then the
 *                           call is recorded as failed with the reason
 * @param roomEmptyTimeout   how long a call's room waits for the bridged caller before LiveKit closes it
 */
@ConfigurationProperties("switchboard.telnyx")
record TelnyxProperties(String publicKey, String apiKey, @DefaultValue("https://api.telnyx.com/v2") String apiUrl,
                        @DefaultValue("5m") Duration signatureTolerance, @DefaultValue("2s") Duration commandTimeout,
                        @DefaultValue("3") int commandAttempts, @DefaultValue("2m") Duration roomEmptyTimeout) {

    boolean enabled() {
        return publicKey != null && !publicKey.isBlank();
    }
}
