package io.switchboard.routing.publication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.RoutingEntry;
import io.switchboard.routing.RoutingProperties;
import io.switchboard.platform.loop.WakeableLoop;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publishes the outbox: in one transaction per batch it takes the oldest rows, resolves their numbers'
 * current entries, sends them (waiting for every acknowledgement), and only then deletes the rows. A
 * crash or a failed send rolls the transaction back, so the rows stay and are sent again: nothing is
 * lost, and a repeat only re-sends the same current state. A transaction-scoped advisory lock lets one
 * relay at a time publish, so entries of a number reach the topic in version order.
 */
@Component
class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x5357_4252_4F55_5445L; // "SWBROUTE"

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RoutingEntryResolver resolver;
    private final RoutingEntryPublisher publisher;
    private final RoutingProperties.Relay settings;
    private final WakeableLoop loop;
    private final Counter published;
    private final Counter failures;

    OutboxRelay(DatabaseClient db, TransactionalOperator tx, RoutingEntryResolver resolver,
                RoutingEntryPublisher publisher, RoutingProperties properties, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.resolver = resolver;
        this.publisher = publisher;
        this.settings = properties.relay();
        this.published = meters.counter("switchboard.routing.relay.published");
        this.failures = meters.counter("switchboard.routing.relay.failures");
        this.loop = new WakeableLoop(settings.pollInterval(), this::drain);
    }

    /** Something committed: publish soon rather than at the next poll. */
    void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Publishes batches until the outbox is empty; a failure waits, then the next tick retries. */
    Mono<Integer> drain() {
        long begin = System.nanoTime();
        return relayBatch()
                .expand(count -> count == settings.batchSize() ? relayBatch() : Mono.empty())
                .reduce(0, Integer::sum)
                .doOnNext(total -> {
                    if (total > 0) {
                        log.info("published {} routing entries in {} ms; outbox drained", total,
                                (System.nanoTime() - begin) / 1_000_000);
                    }
                })
                .onErrorResume(e -> {
                    failures.increment();
                    log.warn("routing relay failed, will retry: {}", e.toString());
                    return Mono.delay(settings.retryBackoff()).thenReturn(0);
                });
    }

    /** One batch in one transaction; the number of outbox rows it published (0 when none or locked). */
    Mono<Integer> relayBatch() {
        Mono<Integer> batch = db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked").bind("key", LOCK_KEY)
                .map(row -> row.get("locked", Boolean.class)).one()
                .flatMap(locked -> locked ? publishOldest() : Mono.just(0));
        return tx.transactional(batch);
    }

    private Mono<Integer> publishOldest() {
        return db.sql("SELECT id, e164, created_at FROM routing_outbox ORDER BY id LIMIT :limit")
                .bind("limit", settings.batchSize())
                .map(row -> new OutboxRow(row.get("id", Long.class), row.get("e164", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : publish(rows));
    }

    private Mono<Integer> publish(List<OutboxRow> rows) {
        Map<String, Instant> changedAt = new LinkedHashMap<>();
        rows.forEach(r -> changedAt.merge(r.e164(), r.createdAt(), (a, b) -> a.isAfter(b) ? a : b));
        Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
        Mono<Long> version = db.sql("SELECT nextval('routing_entry_version') AS v")
                .map(row -> row.get("v", Long.class)).one();
        return Mono.zip(version, resolver.resolve(changedAt.keySet()))
                .map(found -> publications(changedAt, found.getT1(), found.getT2()))
                .flatMap(publications -> publisher.publish(publications).timeout(settings.sendTimeout())
                        .then(db.sql("DELETE FROM routing_outbox WHERE id = ANY(:ids)").bind("ids", ids)
                                .fetch().rowsUpdated())
                        .doOnSuccess(deleted -> published.increment(publications.size()))
                        .thenReturn(rows.size()));
    }

    private static List<RoutingEntryPublisher.Publication> publications(
            Map<String, Instant> changedAt, long version,
            Map<String, java.util.Optional<RoutingEntry.Builder>> resolved) {
        Instant now = Instant.now();
        List<RoutingEntryPublisher.Publication> out = new ArrayList<>(changedAt.size());
        changedAt.forEach((e164, at) -> out.add(new RoutingEntryPublisher.Publication(e164, resolved.get(e164)
                .map(b -> b.setVersion(version).setOccurredAt(at).setReceivedAt(now).build())
                .orElse(null))));
        return out;
    }

    private record OutboxRow(long id, String e164, Instant createdAt) {
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
