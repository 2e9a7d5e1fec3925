package io.switchboard.events;

import java.util.List;
import java.util.Optional;

/** The topic catalogue: the one place that names Switchboard's topics. */
public final class Topics {

    public static final Topic<RoutingEntry> ROUTING_ENTRIES = new Topic<>(
            "routing.entries", "E.164 phone number", RoutingEntry.class, Topic.Cleanup.COMPACT);

    public static final Topic<CallStarted> CALL_STARTED = new Topic<>(
            "call.started", "room name", CallStarted.class, Topic.Cleanup.RETAIN);

    public static final Topic<CallEnded> CALL_ENDED = new Topic<>(
            "call.ended", "room name", CallEnded.class, Topic.Cleanup.RETAIN);

    public static final Topic<RoomFinished> ROOM_FINISHED = new Topic<>(
            "room.finished", "room name", RoomFinished.class, Topic.Cleanup.RETAIN);

    /** A media bridge's hold and resume of a call (Exotel's bridge re-INVITEs sendonly / sendrecv), keyed like the call's events. */
    public static final Topic<CallHoldChanged> CALL_HOLDS = new Topic<>(
            "call.holds", "room name", CallHoldChanged.class, Topic.Cleanup.RETAIN);

    /** Operators' API keys (hash of the secret only), for every service to verify credentials in memory. */
    public static final Topic<ApiKey> API_KEYS = new Topic<>(
            "access.api-keys", "API key id", ApiKey.class, Topic.Cleanup.COMPACT);

    /**
     * Each caller's latest lead per tenant, published by calllog-service, held in memory by the ingress so that every
     * dispatch says whether the caller is known and what is known of them. Key: {@link #leadContextKey}.
     */
    public static final Topic<LeadContext> LEAD_CONTEXT = new Topic<>(
            "leads.context", "tenant id/E.164 caller", LeadContext.class, Topic.Cleanup.COMPACT);

    /**
     * Every committed change of a call log, as {@link CallRecord}s keyed by call id, published by calllog-service's
     * outbox relay: compacted, so that a consumer reading it from the beginning holds each call's latest state.
     */
    public static final Topic<CallRecord> CALL_RECORDS = new Topic<>(
            "call.records", "call id", CallRecord.class, Topic.Cleanup.COMPACT);

    /** The topics of a call's events, keyed by room name, with equal partition counts: what calllog-service reads. */
    public static final List<Topic<?>> CALL_TOPICS = List.of(CALL_STARTED, CALL_ENDED, ROOM_FINISHED, CALL_HOLDS);

    /**
     * Records calllog-service could not process. A letter's key is the record's key and its value the record in its
     * topic's wire format (the bytes as read, or the decoded value encoded again); {@link DeadLetterHeaders} say why
     * and where from.
     */
    public static final String CALLLOG_DEAD_LETTERS = "calllog.dead-letters";

    /** calllog-service's consumer group on the call topics, which the replay command rewinds. */
    public static final String CALLLOG_GROUP = "calllog";

    /** The LiveKit sync's consumer group on routing.entries: one owner per partition writes that partition's rules. */
    public static final String LIVEKIT_SYNC_GROUP = "livekit-sync";

    private static final List<Topic<?>> ALL = List.of(ROUTING_ENTRIES, CALL_STARTED, CALL_ENDED, ROOM_FINISHED,
            CALL_HOLDS, API_KEYS, LEAD_CONTEXT, CALL_RECORDS);

    private Topics() {
    }

    /** Every topic, in a stable order. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The call topics' names, for a listener's {@code topics} ({@code #{T(io.switchboard.events.Topics).callTopicNames()}}). */
    public static String[] callTopicNames() {
        return CALL_TOPICS.stream().map(Topic::name).toArray(String[]::new);
    }

    /** A caller's key on {@link #LEAD_CONTEXT}: tenant id (empty when the call reached no tenant), '/', E.164. */
    public static String leadContextKey(String tenantId, String callerE164) {
        return (tenantId == null ? "" : tenantId) + "/" + callerE164;
    }

    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
