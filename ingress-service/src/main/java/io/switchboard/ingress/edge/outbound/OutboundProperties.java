package io.switchboard.ingress.edge.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ringingTimeout   how long the callee's phone rings before the call ends no_answer
 * @param maxCallDuration  LiveKit ends a call out that lasts longer; also how long its campaign slot is held at most
 * @param roomEmptyTimeout how long the call's room waits for its callee (LiveKit's empty timeout)
 */
@ConfigurationProperties("switchboard.outbound")
record OutboundProperties(@DefaultValue("30s") Duration ringingTimeout, @DefaultValue("2h") Duration maxCallDuration,
                          @DefaultValue("60s") Duration roomEmptyTimeout) {
}
