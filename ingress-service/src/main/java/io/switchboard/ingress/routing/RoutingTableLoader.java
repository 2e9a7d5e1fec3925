package io.switchboard.ingress.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Fills the {@link RoutingTable} from routing.entries: every partition from the beginning (every replica
 * holds the whole table), then follows the topic, applying updates within one poll (100 ms). It is
 * ready once it has read up to the end offsets it saw at start-up; until then readiness is down.
 */
@Component("routingCache")
class RoutingTableLoader implements SmartLifecycle, HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(RoutingTableLoader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final RoutingTable table;
    private final ConsumerFactory<String, Object> consumers;
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile Consumer<String, Object> consumer;
    private Thread thread;

    RoutingTableLoader(RoutingTable table, ConsumerFactory<String, Object> consumers, MeterRegistry meters) {
        this.table = table;
        this.consumers = consumers;
        Gauge.builder("switchboard.ingress.routing.entries", table, RoutingTable::size).register(meters);
        Gauge.builder("switchboard.ingress.routing.lag", lag, AtomicLong::get).register(meters);
        Gauge.builder("switchboard.ingress.routing.last.update", table,
                t -> t.lastUpdate() == null ? 0 : t.lastUpdate().toEpochMilli() / 1000.0).baseUnit("seconds").register(meters);
    }

    @Override
    public Health health() {
        Health.Builder health = caughtUp ? Health.up() : Health.outOfService();
        return health.withDetail("entries", table.size()).withDetail("lag", lag.get()).build();
    }

    boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "routing-table-loader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Consumer<String, Object> c = consumers.createConsumer(null, "routing-table", null,
                new java.util.Properties())) {
            consumer = c;
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = c.endOffsets(partitions);
            log.info("loading routing table from {} partitions up to {}", partitions.size(), startEnd);
            while (running) {
                poll(c);
                if (!caughtUp && partitions.stream().allMatch(p -> c.position(p) >= startEnd.get(p))) {
                    caughtUp = true;
                    log.info("routing table caught up: {} numbers", table.size());
                }
                lag.set(partitions.stream().mapToLong(p -> c.currentLag(p).orElse(0)).sum());
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("routing table loader stopped", e);
        }
    }

    private void poll(Consumer<String, Object> c) {
        try {
            for (ConsumerRecord<String, Object> record : c.poll(POLL)) {
                table.apply(record.key(), (RoutingEntry) record.value());
            }
        } catch (RecordDeserializationException e) {
            log.error("skipping unreadable routing entry at {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            c.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    /** Waits for the topic to exist (the ingress may start before provisioning). */
    private List<TopicPartition> partitions(Consumer<String, Object> c) {
        while (running) {
            var infos = c.partitionsFor(Topics.ROUTING_ENTRIES.name(), Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            log.warn("topic {} not found yet; waiting", Topics.ROUTING_ENTRIES.name());
        }
        throw new WakeupException();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, Object> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
