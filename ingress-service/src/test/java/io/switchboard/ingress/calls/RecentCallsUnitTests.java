package io.switchboard.ingress.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecentCallsUnitTests {
    private final AtomicLong now = new AtomicLong();
    private final RecentCalls<String> calls = new RecentCalls<>(Duration.ofSeconds(10), 3, now::get);

    @Test
    void aCallIsCreatedOnceAndThenRemembered() {
        AtomicInteger created = new AtomicInteger();
        assertThat(calls.get("a", k -> k + created.incrementAndGet())).isEqualTo("a1");
        assertThat(calls.get("a", k -> k + created.incrementAndGet())).isEqualTo("a1");
        assertThat(calls.getIfPresent("a")).isEqualTo("a1");
        assertThat(created).hasValue(1);
    }

    @Test
    void beyondTheBoundTheOldestCallsAreForgottenFirst() {
        for (String key : new String[] {"a", "b", "c", "d", "e"}) {
            calls.get(key, k -> k);
        }
        assertThat(calls.size()).isEqualTo(3);
        assertThat(calls.getIfPresent("a")).isNull();
        assertThat(calls.getIfPresent("b")).isNull();
        assertThat(calls.getIfPresent("c")).isEqualTo("c");
        assertThat(calls.getIfPresent("e")).isEqualTo("e");
    }

    @Test
    void aCallOlderThanTheKeepTimeIsForgottenWhenTheNextArrives() {
        calls.get("a", k -> k);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        calls.get("b", k -> k);
        assertThat(calls.getIfPresent("a")).isEqualTo("a");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        calls.get("c", k -> k);
        assertThat(calls.getIfPresent("a")).isNull();
        assertThat(calls.getIfPresent("b")).isEqualTo("b");
    }

    @Test
    void replaceAndRemoveActOnlyOnTheExpectedValue() {
        calls.get("a", k -> "in-flight");
        calls.replace("a", "other", "done");
        assertThat(calls.getIfPresent("a")).isEqualTo("in-flight");
        calls.replace("a", calls.getIfPresent("a"), "done");
        assertThat(calls.getIfPresent("a")).isEqualTo("done");
        calls.remove("a", "in-flight");
        assertThat(calls.getIfPresent("a")).isEqualTo("done");
        calls.remove("a", calls.getIfPresent("a"));
        assertThat(calls.getIfPresent("a")).isNull();
        assertThat(calls.get("a", k -> "again")).isEqualTo("again");
    }

    @Test
    void idsWithTheSameHashLongIdsAndNonLatinIdsAreToldApart() {
        RecentCalls<String> table = new RecentCalls<>(Duration.ofSeconds(10), 8, now::get);
        String longId = "x".repeat(RecentCalls.INLINE_KEY) + "-1";
        String[] ids = {"Aa", "BB", "AaAa", "BBBB", "AaBB", longId, longId.replace("-1", "-2"), "appel-\u260e"};
        for (String id : ids) {
            table.get(id, k -> "value of " + k);
        }
        for (String id : ids) {
            assertThat(table.getIfPresent(id)).isEqualTo("value of " + id);
        }
        table.remove("Aa", table.getIfPresent("Aa")); // the others of its probe run must still be found
        assertThat(table.getIfPresent("Aa")).isNull();
        assertThat(table.getIfPresent("BB")).isEqualTo("value of BB");
        assertThat(table.getIfPresent("AaAa")).isEqualTo("value of AaAa");
        assertThat(table.getIfPresent("appel-\u2601")).isNull();
    }

    /**
     * Random operations against a plain model (a map and a queue in arrival order): small bounds, colliding ids
     * and many turns of the ring, so probe runs wrap, forgetting shifts them, and removed slots come round.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void behavesLikeAMapWithAQueueInArrivalOrder(long seed) {
        Random random = new Random(seed);
        int max = 1 + random.nextInt(40);
        Duration keep = Duration.ofNanos(50 + random.nextInt(200));
        AtomicLong clock = new AtomicLong();
        RecentCalls<String> table = new RecentCalls<>(keep, max, clock::get);
        Model model = new Model(keep.toNanos(), max);
        for (int op = 0; op < 20_000; op++) {
            clock.addAndGet(random.nextInt(4));
            String id = id(random);
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    String value = "v" + op;
                    assertThat(table.get(id, k -> value)).as("get %s at op %d", id, op)
                            .isEqualTo(model.get(id, value, clock.get()));
                }
                case 2 -> {
                    String expected = random.nextBoolean() ? model.values.get(id) : "other";
                    table.remove(id, expected);
                    model.remove(id, expected);
                }
                default -> {
                    String expected = random.nextBoolean() ? model.values.get(id) : "other";
                    String value = "r" + op;
                    table.replace(id, expected, value);
                    model.replace(id, expected, value);
                }
            }
            assertThat(table.size()).as("size at op %d", op).isEqualTo(model.values.size());
        }
        model.values.forEach((id, value) -> assertThat(table.getIfPresent(id)).isEqualTo(value));
    }

    private static String id(Random random) {
        int n = random.nextInt(60);
        return switch (n % 3) {
            case 0 -> "call-" + n;
            case 1 -> (n % 2 == 0 ? "Aa" : "BB") + (n % 4 < 2 ? "BB" : "Aa") + n; // equal hashes, in pairs
            default -> "z".repeat(RecentCalls.INLINE_KEY) + n;
        };
    }

    /** The specification: forget from the oldest on what expired or was removed, and one more when full. */
    private static final class Model {
        private record Arrival(String id, long at, String value) {
        }

        final Map<String, String> values = new HashMap<>();
        final ArrayDeque<Arrival> arrivals = new ArrayDeque<>();
        final Map<String, Arrival> live = new HashMap<>();
        final long keep;
        final int max;

        Model(long keep, int max) {
            this.keep = keep;
            this.max = max;
        }

        String get(String id, String value, long now) {
            if (values.containsKey(id)) {
                return values.get(id);
            }
            while (!arrivals.isEmpty() && (arrivals.size() == max || live.get(arrivals.peek().id()) != arrivals.peek()
                    || now - arrivals.peek().at() >= keep)) {
                Arrival oldest = arrivals.poll();
                if (live.get(oldest.id()) == oldest) {
                    live.remove(oldest.id());
                    values.remove(oldest.id());
                }
            }
            Arrival arrival = new Arrival(id, now, value);
            arrivals.add(arrival);
            live.put(id, arrival);
            values.put(id, value);
            return value;
        }

        void remove(String id, String expected) {
            if (values.containsKey(id) && values.get(id).equals(expected)) {
                values.remove(id);
                live.remove(id);
            }
        }

        void replace(String id, String expected, String value) {
            if (values.containsKey(id) && values.get(id).equals(expected)) {
                values.put(id, value);
            }
        }
    }
}
