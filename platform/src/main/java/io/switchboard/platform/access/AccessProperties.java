package io.switchboard.platform.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminToken   bearer token with every right (SWITCHBOARD_ADMIN_TOKEN): it bootstraps the first API keys.
 *                     Required, at least 24 characters and not a well-known value, unless {@code devSecrets}
 * @param devSecrets   allow blank or well-known development secrets (SWITCHBOARD_DEV_SECRETS; the local stack and
 *                     tests only): the service says so loudly at start
 * @param keysBackoff  first wait before the API-key reader retries a failure (it doubles up to 30 s)
 */
@ConfigurationProperties("switchboard.access")
public record AccessProperties(String adminToken, @DefaultValue("false") boolean devSecrets,
                               @DefaultValue("1s") Duration keysBackoff) {
}
