package io.switchboard.routing.publication;

import io.switchboard.events.RoutingEntry;
import java.util.List;
import reactor.core.publisher.Mono;

/** Sends routing entries to the topic; completes only when every record is acknowledged. */
public interface RoutingEntryPublisher {

    /** A number's entry, or its tombstone when {@code entry} is null. */
    record Publication(String e164, RoutingEntry entry) {
    }

    Mono<Void> publish(List<Publication> publications);
}
