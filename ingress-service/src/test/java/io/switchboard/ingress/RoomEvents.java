package io.switchboard.ingress;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topic;
import io.switchboard.stack.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** A room's events on a call topic (keyed by room name), as the tests read them back. */
final class RoomEvents {
    private RoomEvents() {
    }

    static <V extends SpecificRecord> List<V> records(Topic<V> topic, String room) {
        return TopicReader.readAll(topic).stream().filter(r -> r.key().equals(room)).map(r -> r.value()).toList();
    }

    /** Waits (up to 20 s) for the room's one event on the topic. */
    static <V extends SpecificRecord> V single(Topic<V> topic, String room) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> records(topic, room), r -> r.size() == 1).getFirst();
    }
}
