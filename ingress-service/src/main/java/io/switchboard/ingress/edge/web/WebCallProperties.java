package io.switchboard.ingress.edge.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web calls (README, "Web calls").
 *
 * @param serverUrl        the LiveKit URL browsers connect to (LIVEKIT_PUBLIC_URL; by default LIVEKIT_URL with ws/wss);
 *                         blank: web calls answer 404 {@code not_configured}
 * @param tokenTtl         how long a web-call token may be used to join
 * @param roomEmptyTimeout how long the call's room stays once its last participant left
 */
@ConfigurationProperties("switchboard.web-calls")
record WebCallProperties(String serverUrl, @DefaultValue("10m") Duration tokenTtl,
                         @DefaultValue("30s") Duration roomEmptyTimeout) {

    /** The URL a browser takes: LiveKit's, with http(s) written as ws(s). */
    String browserUrl() {
        return serverUrl == null ? "" : serverUrl.trim().replaceFirst("^http", "ws");
    }
}
