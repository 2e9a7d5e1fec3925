package io.switchboard.platform.access;

import java.util.Locale;
import java.util.Set;

/**
 * Start-up checks of the secrets a service is given: outside development, a blank, short or well-known
 * secret stops the service with a message naming the setting, rather than running with a secret that
 * anybody who has read the documentation knows.
 */
public final class Secrets {
    /** Values from documentation, examples and development set-ups, never acceptable in production. */
    public static final Set<String> WELL_KNOWN = Set.of("secret", "devkey", "dev-admin-token", "test-admin-token",
            "change-me", "changeme", "admin", "password", "token", "devsecret", "dev-secret");

    private Secrets() {
    }

    /** Why the value is not acceptable as the named secret, or null when it is. */
    public static String problem(String setting, String value, int minLength) {
        if (value == null || value.isBlank()) {
            return setting + " is not set";
        }
        if (WELL_KNOWN.contains(value.trim().toLowerCase(Locale.ROOT))) {
            return setting + " is a well-known development value";
        }
        if (value.length() < minLength) {
            return setting + " is shorter than " + minLength + " characters";
        }
        return null;
    }

    /** Throws, naming the setting, when the value is not acceptable and development secrets are not allowed. */
    public static void require(String setting, String value, int minLength, boolean devSecrets) {
        String problem = problem(setting, value, minLength);
        if (problem != null && !devSecrets) {
            throw new IllegalStateException("refusing to start: " + problem + ". Set a random value of at least "
                    + minLength + " characters (or, on a development machine only, SWITCHBOARD_DEV_SECRETS=true).");
        }
    }
}
