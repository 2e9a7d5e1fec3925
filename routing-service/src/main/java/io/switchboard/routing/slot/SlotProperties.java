package io.switchboard.routing.slot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultHold how long a slot lasts when its taker names no hold and no end releases it
 * @param retryAfter  what a 429 asks the caller to wait before trying again
 */
@ConfigurationProperties("switchboard.slots")
record SlotProperties(@DefaultValue("2h") Duration defaultHold, @DefaultValue("5s") Duration retryAfter) {
}
