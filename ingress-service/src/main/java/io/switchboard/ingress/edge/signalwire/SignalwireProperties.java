package io.switchboard.ingress.edge.signalwire;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SignalWire's SWML webhook (README, "SignalWire").
 *
 * @param signingKey       SIGNALWIRE_SIGNING_KEY: the project's signing key, which signs every request SignalWire sends
 * @param allowUnsigned    answer requests that carry no signature (never ones that carry a wrong one): only for a
 *                         SignalWire set-up that does not sign, behind another guard. Without a key and without this,
 *                         the webhook answers 404 {@code not_configured}
 * @param roomEmptyTimeout how long a call's room waits for the bridged caller before LiveKit closes it
 */
@ConfigurationProperties("switchboard.signalwire")
record SignalwireProperties(String signingKey, @DefaultValue("false") boolean allowUnsigned,
                            @DefaultValue("2m") Duration roomEmptyTimeout) {

    boolean hasKey() {
        return signingKey != null && !signingKey.isBlank();
    }
}
