package io.switchboard.livekit;

/**
 * A LiveKit API call that did not succeed. {@link #transient_()} failures (no connection, a timeout, 429, 5xx) are
 * retried; the others (LiveKit refused the request as invalid, e.g. a rule conflicting with one made by hand) are
 * not, and wait for the next reconcile.
 */
public final class LivekitException extends RuntimeException {
    private final boolean retriable;

    LivekitException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean transient_() {
        return retriable;
    }
}
