package io.switchboard.ingress.edge.bridge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingSecret SWITCHBOARD_BRIDGE_SECRET, shared with the media bridge; blank: the endpoint answers 404
 * @param tolerance     how far from now a signed timestamp may be (a captured request cannot be played later)
 */
@ConfigurationProperties("switchboard.bridge")
record BridgeProperties(@DefaultValue("") String signingSecret, @DefaultValue("5m") Duration tolerance) {
}
