package io.switchboard.livekit;

import java.time.Duration;

/**
 * What the sync writes into LiveKit.
 *
 * @param inboundTrunkId     an inbound trunk the operator made, which every rule names; blank: Switchboard manages one
 *                           trunk per partition of routing.entries listing that partition's numbers
 * @param roomPrefix         each call's room is {@code <prefix>_<caller>_<random>} (an individual dispatch rule)
 * @param unknownNumberAgent the agent of the catch-all rule for numbers with no rule of their own; blank: no catch-all
 *                           (the reject policy)
 * @param reconcileInterval  how often the whole of LiveKit's SIP configuration is listed and repaired
 * @param maxBackoff         the longest wait between attempts while LiveKit is unavailable
 * @param trunkAccess        who may send calls to the managed trunks (the carriers' addresses, or a digest login)
 */
public record SyncSettings(String inboundTrunkId, String roomPrefix, String unknownNumberAgent, Duration reconcileInterval,
                           Duration maxBackoff, TrunkAccess trunkAccess) {

    public SyncSettings(String inboundTrunkId, String roomPrefix, String unknownNumberAgent, Duration reconcileInterval,
                        Duration maxBackoff) {
        this(inboundTrunkId, roomPrefix, unknownNumberAgent, reconcileInterval, maxBackoff, TrunkAccess.OPEN);
    }

    boolean managedTrunks() {
        return inboundTrunkId == null || inboundTrunkId.isBlank();
    }

    boolean catchAll() {
        return unknownNumberAgent != null && !unknownNumberAgent.isBlank();
    }
}
