package io.switchboard.livekit;

import io.switchboard.events.RoutingEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps LiveKit's SIP trunks and dispatch rules equal to routing.entries. Any number of instances share the work
 * through a consumer group: each owns some partitions, reads them from the beginning on assignment (the topic is
 * compacted, so that is the table), and only then touches the rules and trunk of those partitions, so an instance
 * never deletes a rule whose entry it has not read yet. Offsets are never committed; nothing is lost by a restart.
 * LiveKit unavailable: every change stays pending and is retried with back-off up to {@code maxBackoff}.
 */
public final class LivekitSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LivekitSync.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final int RULES_PER_ROUND = 100;

    private final Consumer<String, RoutingEntry> consumer;
    private final SipApi api;
    private final SyncSettings settings;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> loading = new HashMap<>();
    private final Syncer syncer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int pending;
    private volatile long refused;
    private volatile String lastFailure = "";
    private volatile long failingSince;
    private long nextAttempt;
    private long nextReconcile;
    private Duration backoff = FIRST_BACKOFF;
    private long lastWarning;

    public LivekitSync(Map<String, Object> kafka, String group, LivekitConnection connection, SyncSettings settings) {
        this.consumer = RoutingTopic.consumer(kafka, group, "livekit-sync");
        this.api = new SipApi(connection);
        this.settings = settings;
        this.syncer = new Syncer(api, settings, owned::contains);
        this.thread = Thread.ofPlatform().name("livekit-sync").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Rules not yet known to equal their routing entry (pending changes, whether waiting for LiveKit or not). */
    public int pendingChanges() {
        return pending;
    }

    /** Changes LiveKit refused as invalid (each logged; they wait for the next reconcile). */
    public long refusedChanges() {
        return refused;
    }

    /** Requests sent to LiveKit's API so far. */
    public long apiCalls() {
        return api.calls();
    }

    /** How long LiveKit has been failing every attempt; zero while it answers. */
    public Duration unavailableFor() {
        long since = failingSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** Empty while LiveKit answers; else what went wrong last. */
    public String lastFailure() {
        return lastFailure;
    }

    private void run() {
        consumer.subscribe(List.of(RoutingTopic.NAME), new Assignments());
        while (running) {
            try {
                for (ConsumerRecord<String, RoutingEntry> r : consumer.poll(Duration.ofMillis(100))) {
                    syncer.record(r.partition(), r.key(), r.value());
                }
                loading.entrySet().removeIf(e -> consumer.position(new TopicPartition(RoutingTopic.NAME, e.getKey())) >= e.getValue());
                if (loading.isEmpty() && !owned.isEmpty()) {
                    work();
                }
                pending = syncer.pending();
                refused = syncer.refused();
            } catch (WakeupException e) {
                break;
            } catch (KafkaException e) {
                // a registry or broker outage: poll again from the same position, after a pause
                warn("reading routing.entries failed: " + e.getMessage());
                consumer.poll(Duration.ofMillis(500));
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void work() {
        long now = System.nanoTime();
        if (now - nextAttempt < 0) {
            return;
        }
        try {
            if (!syncer.listed() || now - nextReconcile >= 0) {
                nextReconcile = now + settings.reconcileInterval().toNanos();
                syncer.reconcile();
            }
            syncer.applyPending(RULES_PER_ROUND);
            backoff = FIRST_BACKOFF;
            lastFailure = "";
            failingSince = 0;
        } catch (LivekitException e) {
            lastFailure = e.getMessage();
            if (failingSince == 0) {
                failingSince = now;
            }
            warn(e.getMessage() + " (" + syncer.pending() + " change(s) pending, retrying in " + backoff.toMillis() + " ms)");
            syncer.forgetListing();
            nextAttempt = now + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    private void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning > Duration.ofSeconds(30).toNanos() || lastWarning == 0) {
            lastWarning = now;
            log.warn("LiveKit sync: {}", message);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the sync's thread, inside poll. */
    private final class Assignments implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            consumer.seekToBeginning(assigned);
            consumer.endOffsets(assigned).forEach((tp, end) -> loading.put(tp.partition(), end));
            for (TopicPartition tp : assigned) {
                owned.add(tp.partition());
                syncer.partitionAssigned(tp.partition());
            }
            syncer.forgetListing();
            log.info("LiveKit sync owns partitions {} of {}", owned, RoutingTopic.NAME);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            for (TopicPartition tp : revoked) {
                owned.remove(tp.partition());
                loading.remove(tp.partition());
                syncer.partitionRevoked(tp.partition());
            }
        }
    }
}
