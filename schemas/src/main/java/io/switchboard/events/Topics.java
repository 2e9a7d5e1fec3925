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

    /** Operators' API keys (hash of the secret only), for every service to verify credentials in memory. */
    public static final Topic<ApiKey> API_KEYS = new Topic<>(
            "access.api-keys", "API key id", ApiKey.class, Topic.Cleanup.COMPACT);

    /** Records calllog-service could not process, with the reason and origin in headers (raw bytes or JSON). */
    public static final String CALLLOG_DEAD_LETTERS = "calllog.dead-letters";

    /** calllog-service's consumer group on the call topics, which the replay command rewinds. */
    public static final String CALLLOG_GROUP = "calllog";

    private static final List<Topic<?>> ALL = List.of(ROUTING_ENTRIES, CALL_STARTED, CALL_ENDED, ROOM_FINISHED,
            API_KEYS);

    private Topics() {
    }

    /** Every topic, in a stable order. */
    public static List<Topic<?>> all() {
        return ALL;
    }

    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
