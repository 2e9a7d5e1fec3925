package io.switchboard.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

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
}
