package io.switchboard.ingress.calls;

import java.time.Instant;

/**
 * A SIP caller's join of a LiveKit room: the call's answer time, and how its agent got there ({@code dispatch_rule},
 * {@code webhook}, {@code none} or {@code failed}; {@code dispatchId} when LiveKit gave one).
 */
public record Joined(Instant at, String dispatch, String dispatchId) {
}
