package io.switchboard.ingress.edge.telnyx;

import io.switchboard.ingress.calls.Hangup;

/** Telnyx's hang-up causes in the call log's words, the SIP code deciding where the cause does not. */
final class TelnyxHangups {
    private TelnyxHangups() {
    }

    static String status(String cause, Integer sipCode) {
        return switch (cause == null ? "" : cause) {
            case "normal_clearing", "time_limit" -> Hangup.COMPLETED;
            case "user_busy" -> Hangup.BUSY;
            case "timeout", "no_answer" -> Hangup.NO_ANSWER;
            case "originator_cancel" -> Hangup.CANCELED;
            case "call_rejected", "not_found" -> Hangup.FAILED;
            default -> bySipCode(sipCode);
        };
    }

    private static String bySipCode(Integer code) {
        if (code == null || code < 400) {
            return Hangup.COMPLETED;
        }
        return switch (code) {
            case 486, 600 -> Hangup.BUSY;
            case 408, 480 -> Hangup.NO_ANSWER;
            case 487 -> Hangup.CANCELED;
            default -> Hangup.FAILED;
        };
    }
}
