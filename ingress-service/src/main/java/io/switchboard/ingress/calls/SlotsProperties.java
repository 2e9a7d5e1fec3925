package io.switchboard.ingress.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where campaigns' max_concurrent slots are kept (routing-service) and the credential to take them with: an admin
 * API key for all tenants (or the admin token).
 *
 * @param routingUrl SWITCHBOARD_ROUTING_URL
 * @param apiKey     SWITCHBOARD_ROUTING_API_KEY
 * @param timeout    one request for a slot
 */
@ConfigurationProperties("switchboard.slots")
public record SlotsProperties(@DefaultValue("http://127.0.0.1:8081") String routingUrl, @DefaultValue("") String apiKey,
                              @DefaultValue("3s") Duration timeout) {
}
