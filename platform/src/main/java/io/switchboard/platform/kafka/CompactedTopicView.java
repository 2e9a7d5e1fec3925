package io.switchboard.platform.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps a compacted topic in memory on every replica: every partition from the beginning, then follows
 * it, handing each record (a null value is a tombstone) to a sink. Ready (its health UP) once it has read
 * up to the end offsets it saw at start and holds no unreadable record.
 * <p>
 * Guarantees: a transient failure (broker or registry unreachable) is retried with back-off from where
 * it stopped, never ending the loader; a record whose value cannot be decoded is never skipped: the sink
 * keeps the key's last good value, the raw record is held and decoded again every back-off until it
 * reads (a registry outage) or a newer record of the same key replaces it, and until then the view is
 * not ready. Should the loader thread still die, liveness turns BROKEN so the process is restarted.
 */
public final class CompactedTopicView implements SmartLifecycle, HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final BiConsumer<String, Object> sink;
    private final ValueDecoder decoder;
    private final ApplicationEventPublisher events;
    private final Duration backoff;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Map<String, Unreadable> unreadable = new ConcurrentHashMap<>();
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong failures = new AtomicLong();
    private volatile Map<TopicPartition, Long> startEnd;
    private volatile boolean reachedStartEnd;
    private volatile boolean running;
    private volatile String lastFailure;
    private boolean progressed;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param consumerConfig the service's consumer settings (bootstrap servers, the value deserializer and its
     *                       registry settings); group, offsets and deserializers of the view's own consumer are set here
     */
    public CompactedTopicView(String topic, Map<String, Object> consumerConfig, BiConsumer<String, Object> sink,
                              ApplicationEventPublisher events, MeterRegistry meters, Duration backoff) {
        this.topic = topic;
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.sink = sink;
        this.decoder = new ValueDecoder(topic, consumerConfig);
        this.events = events;
        this.backoff = backoff;
        Gauge.builder("switchboard.topic.view.lag", lag, AtomicLong::get).tag("topic", topic).register(meters);
        Gauge.builder("switchboard.topic.view.unreadable", unreadable, Map::size).tag("topic", topic).register(meters);
        Gauge.builder("switchboard.topic.view.failures", failures, AtomicLong::get).tag("topic", topic).register(meters);
    }

    /** Records behind the end of the topic, summed over its partitions (-1 before the first poll). */
    public long lag() {
        return lag.get();
    }

    /** Read up to the end offsets seen at start, with no record left unread. */
    public boolean isReady() {
        return reachedStartEnd && unreadable.isEmpty();
    }

    @Override
    public Health health() {
        Health.Builder health = isReady() ? Health.up() : Health.outOfService();
        health.withDetail("topic", topic).withDetail("lag", lag.get());
        if (!unreadable.isEmpty()) {
            Unreadable first = unreadable.values().iterator().next();
            health.withDetail("unreadable", unreadable.size()).withDetail("reason", "record at "
                    + first.record().topic() + "-" + first.record().partition() + "@" + first.record().offset()
                    + " cannot be decoded: " + first.error());
        }
        if (lastFailure != null && !reachedStartEnd) {
            health.withDetail("last_failure", lastFailure);
        }
        return health.build();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "topic-view-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Duration wait = backoff;
        try {
            while (running) {
                try {
                    follow();
                } catch (WakeupException e) {
                    return; // stopping
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    failures.incrementAndGet();
                    wait = progressed ? backoff : wait;
                    progressed = false;
                    lastFailure = e.toString();
                    log.warn("reading {} failed, retrying in {} ms: {}", topic, wait.toMillis(), e.toString());
                    sleep(wait);
                    wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
                }
            }
        } catch (Error e) {
            log.error("the reader of {} died; liveness is now BROKEN", topic, e);
            AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        }
    }

    /** One consumer's life: resumes where the last one stopped (from the beginning the first time). */
    private void follow() {
        try (Consumer<String, byte[]> c = bytesConsumer()) {
            consumer = c;
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            for (TopicPartition p : partitions) {
                Long at = positions.get(p);
                if (at == null) {
                    c.seekToBeginning(List.of(p));
                } else {
                    c.seek(p, at);
                }
            }
            if (startEnd == null) {
                startEnd = c.endOffsets(partitions);
                log.info("loading {} from {} partitions up to {}", topic, partitions.size(), startEnd);
            }
            long nextRetry = System.nanoTime() + backoff.toNanos();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    apply(record);
                }
                partitions.forEach(p -> positions.put(p, c.position(p)));
                progressed = true;
                if (System.nanoTime() > nextRetry) {
                    unreadable.values().forEach(u -> apply(u.record()));
                    nextRetry = System.nanoTime() + backoff.toNanos();
                }
                if (!reachedStartEnd && partitions.stream().allMatch(p -> positions.get(p) >= startEnd.get(p))) {
                    reachedStartEnd = true;
                    log.info("{} caught up{}", topic, unreadable.isEmpty() ? "" : "; " + unreadable.size() + " unreadable");
                }
                lag.set(partitions.stream().mapToLong(p -> c.currentLag(p).orElse(0)).sum());
            }
        }
    }

    /** Assigned, not subscribed: no group, no committed offsets; every replica reads the whole topic. */
    private Consumer<String, byte[]> bytesConsumer() {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "view-" + topic + "-" + ProcessHandle.current().pid());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Decodes and applies a record; one that cannot be decoded is held for the next try. */
    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        Unreadable held = unreadable.get(record.key());
        if (held != null && held.record().offset() > record.offset()) {
            return; // an older record of the key, read again after a restart: the held one is newer
        }
        ValueDecoder.Decoded decoded = decoder.decode(record);
        if (decoded.error() != null) {
            if (unreadable.put(record.key(), new Unreadable(record, decoded.error())) == null) {
                log.error("cannot decode {}-{}@{} (key {}); keeping the key's last good value and retrying: {}",
                        record.topic(), record.partition(), record.offset(), record.key(), decoded.error());
            }
            return;
        }
        unreadable.remove(record.key());
        sink.accept(record.key(), decoded.value());
    }

    private record Unreadable(ConsumerRecord<String, byte[]> record, String error) {
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> c) {
        while (running) {
            var infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            log.warn("topic {} not found yet; waiting", topic);
            sleep(backoff);
        }
        throw new WakeupException();
    }

    /** Waits, or returns early when stopped (the loops then see {@code running} false). */
    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
