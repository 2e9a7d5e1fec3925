package io.switchboard.ingress.webhook;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The calls answered lately, forgotten first in first out: after {@code keep}, or sooner when more than
 * {@code max} are held. Calls arrive in time order, so insertion order is expiry order and a queue is
 * all the bookkeeping needed: a put costs a map insert and a queue append, with no eviction policy to
 * maintain on the event loop. A value can be replaced while held; the slot keeps its place in the queue.
 */
final class RecentCalls<V> {
    /** A held value; its key and time of arrival let the queue forget exactly this slot. */
    private static final class Slot<V> {
        private final String key;
        private final long arrivedNanos;
        private volatile V value;

        private Slot(String key, long arrivedNanos, V value) {
            this.key = key;
            this.arrivedNanos = arrivedNanos;
            this.value = value;
        }
    }

    private final ConcurrentHashMap<String, Slot<V>> slots = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Slot<V>> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private final long keepNanos;
    private final int max;
    private final LongSupplier clock;

    RecentCalls(Duration keep, int max, LongSupplier nanoClock) {
        this.keepNanos = keep.toNanos();
        this.max = max;
        this.clock = nanoClock;
    }

    /** The value held for {@code key}, else the one {@code create} makes (once per key, atomically). */
    V get(String key, Function<String, V> create) {
        Slot<V> slot = slots.get(key);
        if (slot != null) {
            return slot.value;
        }
        boolean[] created = {false};
        slot = slots.computeIfAbsent(key, k -> {
            created[0] = true;
            return new Slot<>(k, clock.getAsLong(), create.apply(k));
        });
        if (created[0]) {
            arrivals.add(slot);
            held.incrementAndGet();
            forgetOld(slot.arrivedNanos);
        }
        return slot.value;
    }

    V getIfPresent(String key) {
        Slot<V> slot = slots.get(key);
        return slot == null ? null : slot.value;
    }

    /** Replaces the value held for {@code key} if it is still {@code expected}. */
    void replace(String key, V expected, V value) {
        Slot<V> slot = slots.get(key);
        if (slot != null && slot.value == expected) {
            slot.value = value;
        }
    }

    /** Forgets {@code key} if it still holds {@code expected}. */
    void remove(String key, V expected) {
        Slot<V> slot = slots.get(key);
        if (slot != null && slot.value == expected) {
            slots.remove(key, slot);
        }
    }

    int size() {
        return slots.size();
    }

    private void forgetOld(long now) {
        for (Slot<V> oldest = arrivals.peek(); oldest != null; oldest = arrivals.peek()) {
            if (held.get() <= max && now - oldest.arrivedNanos < keepNanos) {
                return;
            }
            Slot<V> forgotten = arrivals.poll(); // racing writers may each forget one: harmless
            if (forgotten != null) {
                held.decrementAndGet();
                slots.remove(forgotten.key, forgotten);
            }
        }
    }
}
