package io.switchboard.ingress.calls;

/**
 * Why a call ended, as its edge tells it: {@code status} in Twilio's words ({@code completed}, {@code busy},
 * {@code no_answer}, {@code failed}, {@code canceled}; null when the edge cannot say) and the carrier's own cause,
 * source and SIP code where it gives them.
 */
public record Hangup(String status, String cause, String source, Integer sipCode) {
    public static final String COMPLETED = "completed";
    public static final String BUSY = "busy";
    public static final String NO_ANSWER = "no_answer";
    public static final String FAILED = "failed";
    public static final String CANCELED = "canceled";

    public static Hangup of(String status) {
        return new Hangup(status, null, null, null);
    }
}
