package io.switchboard.ingress.calls;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The calls answered lately, forgotten first in first out: after {@code keep}, or sooner when more than
 * {@code max} are held. Calls arrive in time order, so arrival order is expiry order and a ring is all the
 * bookkeeping needed. Everything lives in arrays allocated once: the ring (arrival time, value, the call id's
 * characters) and an open-addressing index over it. Remembering a call therefore creates no object that outlives
 * its request: held as objects (eight per call), remembered calls were most of what the young collections copied
 * under load. Values should be shared objects once a call is answered. Every method holds the lock for a probe or
 * two of the index.
 */
final class RecentCalls<V> {
    /** Call ids of up to this many Latin-1 characters are kept in the ring itself; longer ones as strings. */
    static final int INLINE_KEY = 64;
    private static final byte LONG_KEY = -1;

    private final long keepNanos;
    private final int capacity;
    private final LongSupplier clock;
    private final long[] arrived;
    private final Object[] values; // null: forgotten, or never filled
    private final int[] hashes;
    private final byte[] keyLengths; // an inline key's length, or LONG_KEY
    private final byte[] keys;
    private final String[] longKeys;
    private final int[] index; // ring slot + 1, 0 = free; linear probing, never more than half full
    private final int mask;
    private int head;
    private int count; // ring slots in use from head on, forgotten ones included
    private int held;

    RecentCalls(Duration keep, int max, LongSupplier nanoClock) {
        if (max < 1) {
            throw new IllegalArgumentException("remember at least one call, not " + max);
        }
        this.keepNanos = keep.toNanos();
        this.capacity = max;
        this.clock = nanoClock;
        this.arrived = new long[max];
        this.values = new Object[max];
        this.hashes = new int[max];
        this.keyLengths = new byte[max];
        this.keys = new byte[Math.multiplyExact(max, INLINE_KEY)];
        this.longKeys = new String[max];
        this.index = new int[Integer.highestOneBit(max) << 2];
        this.mask = index.length - 1;
    }

    /** The value held for {@code key}, else the one {@code create} makes: once per key, under the lock. */
    @SuppressWarnings("unchecked")
    synchronized V get(String key, Function<String, V> create) {
        int hash = hash(key);
        int at = find(key, hash);
        if (index[at] != 0) {
            return (V) values[index[at] - 1];
        }
        long now = clock.getAsLong();
        if (forgetOld(now)) {
            at = find(key, hash); // forgetting shifts index entries
        }
        V value = Objects.requireNonNull(create.apply(key), "value");
        int slot = (head + count) % capacity;
        count++;
        held++;
        arrived[slot] = now;
        values[slot] = value;
        hashes[slot] = hash;
        storeKey(slot, key);
        index[at] = slot + 1;
        return value;
    }

    @SuppressWarnings("unchecked")
    synchronized V getIfPresent(String key) {
        int at = find(key, hash(key));
        return index[at] == 0 ? null : (V) values[index[at] - 1];
    }

    /** Replaces the value held for {@code key} if it is still {@code expected}. */
    synchronized void replace(String key, V expected, V value) {
        int at = find(key, hash(key));
        if (index[at] != 0 && values[index[at] - 1] == expected) {
            values[index[at] - 1] = Objects.requireNonNull(value, "value");
        }
    }

    /** Forgets {@code key} if it still holds {@code expected}; its ring slot stays empty until its turn comes. */
    synchronized void remove(String key, V expected) {
        int at = find(key, hash(key));
        if (index[at] != 0 && values[index[at] - 1] == expected) {
            forget(index[at] - 1, at);
        }
    }

    synchronized int size() {
        return held;
    }

    /** Forgets from the oldest on what has expired, and one more when the ring is full; true if any was. */
    private boolean forgetOld(long now) {
        boolean any = false;
        while (count > 0 && (count == capacity || values[head] == null || now - arrived[head] >= keepNanos)) {
            if (values[head] != null) {
                forget(head, find(head));
            }
            head = (head + 1) % capacity;
            count--;
            any = true;
        }
        return any;
    }

    private void forget(int slot, int at) {
        values[slot] = null;
        longKeys[slot] = null;
        held--;
        // backward-shift deletion: move later entries of the probe run into the gap, so no tombstones are needed
        int gap = at;
        for (int next = (gap + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
            int home = hashes[index[next] - 1] & mask;
            boolean staysPut = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!staysPut) {
                index[gap] = index[next];
                gap = next;
            }
        }
        index[gap] = 0;
    }

    /** The index position holding {@code key}, or the free position where it would go. */
    private int find(String key, int hash) {
        int at = hash & mask;
        while (index[at] != 0) {
            int slot = index[at] - 1;
            if (hashes[slot] == hash && keyEquals(slot, key)) {
                return at;
            }
            at = (at + 1) & mask;
        }
        return at;
    }

    /** The index position of a held ring slot. */
    private int find(int slot) {
        int at = hashes[slot] & mask;
        while (index[at] != slot + 1) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private void storeKey(int slot, String key) {
        if (!fitsInline(key)) {
            keyLengths[slot] = LONG_KEY;
            longKeys[slot] = key;
            return;
        }
        int base = slot * INLINE_KEY;
        for (int i = 0; i < key.length(); i++) {
            keys[base + i] = (byte) key.charAt(i);
        }
        keyLengths[slot] = (byte) key.length();
    }

    private boolean keyEquals(int slot, String key) {
        if (keyLengths[slot] == LONG_KEY) {
            return key.equals(longKeys[slot]);
        }
        if (keyLengths[slot] != key.length()) {
            return false;
        }
        int base = slot * INLINE_KEY;
        for (int i = 0; i < key.length(); i++) {
            if ((keys[base + i] & 0xff) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsInline(String key) {
        if (key.length() > INLINE_KEY) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static int hash(String key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }
}
