package io.switchboard.routing.publication;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.loop.WakeableLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The outbox as an operator sees it: {@code switchboard.routing.outbox.depth} (rows not yet published) and
 * {@code switchboard.routing.outbox.age} (seconds since the oldest of them committed; 0 when empty), read from
 * the table every few seconds so that a scrape never queries the database. A growing age means the relay
 * cannot publish (Kafka down, a failing send): the ingresses route on stale entries meanwhile. When the read
 * fails the last figures stay, and {@code switchboard.routing.outbox.read.failures} counts it.
 */
@Component
class OutboxGauges implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final DatabaseClient db;
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong ageMillis = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final WakeableLoop loop;

    OutboxGauges(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        Gauge.builder("switchboard.routing.outbox.depth", depth, AtomicLong::get)
                .description("routing changes committed and not yet published").register(meters);
        Gauge.builder("switchboard.routing.outbox.age", ageMillis, a -> a.get() / 1000.0).baseUnit("seconds")
                .description("age of the oldest unpublished routing change").register(meters);
        Gauge.builder("switchboard.routing.outbox.read.failures", failures, AtomicLong::get).register(meters);
        this.loop = new WakeableLoop(INTERVAL, this::read);
    }

    Mono<Void> read() {
        return db.sql("SELECT count(*) AS depth, "
                        + "COALESCE(EXTRACT(EPOCH FROM (clock_timestamp() - min(created_at))) * 1000, 0)::bigint AS age "
                        + "FROM routing_outbox")
                .map(row -> new long[] {row.get("depth", Long.class), row.get("age", Long.class)})
                .one()
                .doOnNext(figures -> {
                    depth.set(figures[0]);
                    ageMillis.set(Math.max(0, figures[1]));
                })
                .then()
                .onErrorResume(e -> {
                    if (failures.getAndIncrement() % 12 == 0) { // a line a minute while the database is away
                        log.warn("cannot read the outbox's depth: {}", e.toString());
                    }
                    return Mono.empty();
                });
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
