package io.switchboard.routing;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.TopicReader;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a reader of routing.entries sees: every record so far, and the latest value per number. */
final class RoutingTopic {
    private RoutingTopic() {
    }

    static List<ConsumerRecord<String, RoutingEntry>> readAll() {
        return TopicReader.readAll(Topics.ROUTING_ENTRIES);
    }

    /** The latest value per key among the given numbers; a removed number maps to null. */
    static Map<String, RoutingEntry> latest(Collection<String> numbers) {
        Map<String, RoutingEntry> latest = new HashMap<>();
        for (ConsumerRecord<String, RoutingEntry> r : readAll()) {
            if (numbers.contains(r.key())) {
                latest.put(r.key(), r.value());
            }
        }
        return latest;
    }

    /** Waits until every one of {@code numbers} has a latest value (null: removed) that {@code ok} accepts. */
    static Map<String, RoutingEntry> awaitEntries(List<String> numbers, Predicate<RoutingEntry> ok) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> latest(numbers),
                        latest -> latest.keySet().containsAll(numbers) && numbers.stream().allMatch(n -> ok.test(latest.get(n))));
    }
}
