package io.switchboard.ingress.edge.livekit;

import io.livekit.server.WebhookReceiver;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.platform.access.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LiveKit API keys whose signatures verify: the configured key and any further {@code key: secret} pairs,
 * so that during a rotation webhooks signed with the old or the new key both verify. A token names its key
 * as issuer; that key's receiver checks the whole token (the issuer included), so reading the issuer first
 * trusts nothing.
 */
final class LivekitKeys {
    static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern ISSUER = Pattern.compile("\"iss\"\\s*:\\s*\"([^\"]*)\"");

    private final Map<String, WebhookReceiver> receivers = new LinkedHashMap<>();
    private final WebhookReceiver only;

    LivekitKeys(IngressProperties properties, boolean devSecrets) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(properties.livekitApiKey(), properties.livekitApiSecret());
        secrets.putAll(parse(properties.livekitKeys()));
        secrets.forEach((key, secret) -> {
            Secrets.require("the LiveKit secret of key '" + key + "' (LIVEKIT_API_SECRET / LIVEKIT_KEYS)", secret,
                    MIN_SECRET_LENGTH, devSecrets);
            receivers.put(key, new WebhookReceiver(key, secret));
        });
        this.only = receivers.size() == 1 ? receivers.values().iterator().next() : null;
    }

    /** {@code key: secret} pairs separated by commas or new lines. */
    static Map<String, String> parse(String pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (pairs == null || pairs.isBlank()) {
            return out;
        }
        for (String pair : pairs.split("[,\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon <= 0 || pair.substring(colon + 1).isBlank()) {
                throw new IllegalStateException("LIVEKIT_KEYS: '" + pair.split(":")[0].trim()
                        + "' is not a 'key: secret' pair");
            }
            out.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return out;
    }

    /** The receiver for the key that the token says signed it; null when that key is not one of ours. */
    WebhookReceiver forToken(String token) {
        if (only != null) {
            return only;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            Matcher issuer = ISSUER.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return issuer.find() ? receivers.get(issuer.group(1)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
