package io.switchboard.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The timestamp a webhook's sender signs along with the body (Unix seconds in a header): one further than the
 * tolerance from now, either way, is refused, so that a captured request cannot be played again later.
 */
public final class SignedTimestamps {
    private SignedTimestamps() {
    }

    /** The timestamp in seconds; a 401 naming {@code header} when it is not a number or not close enough to now. */
    public static long check(String header, String value, Duration tolerance, Clock clock) {
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("invalid signature: '" + header + "' is not a Unix time in seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(Math.clamp(seconds, -1L << 40, 1L << 40)), clock.instant()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw ApiException.unauthorized("invalid signature: signed " + skew.toSeconds() + " s away from now (at most "
                    + tolerance.toSeconds() + " s accepted)");
        }
        return seconds;
    }
}
