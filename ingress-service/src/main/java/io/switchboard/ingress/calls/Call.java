package io.switchboard.ingress.calls;

import io.switchboard.events.EventSource;
import java.time.Instant;

/** A call to start, as any edge reports it: numbers already E.164; {@code trunkId} and its number may be null. */
public record Call(String callId, String roomName, String trunkId, String trunkPhoneNumber, String fromE164,
                   String toE164, Instant occurredAt, EventSource source) {
}
