package io.switchboard.calllog.publication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.CallRecord;
import io.switchboard.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import io.switchboard.platform.loop.WakeableLoop;
import reactor.core.publisher.Mono;

/**
 * Publishes {@code call.records} from the outbox the call_logs triggers fill (migration V8): in one transaction per
 * batch it takes the oldest outbox rows, reads those calls' rows as they are now, sends them (waiting for every
 * acknowledgement) and only then deletes the outbox rows. A crash or a failed send rolls back, so the rows are sent
 * again: nothing committed goes unpublished, and a repeat re-sends the same state. A transaction-scoped advisory
 * lock makes one relay at a time publish (replicas included), so a call's records reach the topic in commit order
 * and the last one of each key is the row's state: a compacted topic equal to the table.
 */
@Component
public class CallRecordRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CallRecordRelay.class);
    private static final long LOCK_KEY = 0x5357_4352_4543_5244L; // "SWCRECRD"
    static final int BATCH = 2000;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, Object> kafka;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong lastPublishedMillis = new AtomicLong();
    private final WakeableLoop loop = new WakeableLoop(POLL, this::drain);

    CallRecordRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, Object> kafka, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.published = meters.counter("switchboard.calllog.records.published");
        this.failures = meters.counter("switchboard.calllog.records.failures");
        Gauge.builder("switchboard.calllog.records.last.published", lastPublishedMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds").description("when call.records last received a record (epoch)").register(meters);
    }

    /** Publishes batches until the outbox is empty; a failure is logged once per attempt and retried at the next tick. */
    Mono<Integer> drain() {
        return relayBatch()
                .expand(count -> count == BATCH ? relayBatch() : Mono.empty())
                .reduce(0, Integer::sum)
                .onErrorResume(e -> {
                    failures.increment();
                    log.warn("call.records relay failed, will retry: {}", e.toString());
                    return Mono.delay(Duration.ofSeconds(1)).thenReturn(0);
                });
    }

    /** One batch in one transaction: the number of outbox rows it published (0 when none, or another relay holds the lock). */
    Mono<Integer> relayBatch() {
        return tx.transactional(db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked").bind("key", LOCK_KEY)
                .map(row -> row.get("locked", Boolean.class)).one()
                .flatMap(locked -> locked ? publishOldest() : Mono.just(0)));
    }

    private Mono<Integer> publishOldest() {
        return db.sql("SELECT id, call_id FROM call_record_outbox ORDER BY id LIMIT " + BATCH)
                .map(row -> Map.entry(row.get("id", Long.class), row.get("call_id", String.class)))
                .all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : publish(rows));
    }

    private Mono<Integer> publish(List<Map.Entry<Long, String>> outbox) {
        Map<String, Long> versions = new HashMap<>();
        outbox.forEach(e -> versions.merge(e.getValue(), e.getKey(), Math::max));
        Long[] ids = outbox.stream().map(Map.Entry::getKey).toArray(Long[]::new);
        Instant now = Instant.now();
        return db.sql("SELECT " + CallRecordRows.COLUMNS + " FROM call_logs WHERE call_id = ANY(:ids)")
                .bind("ids", versions.keySet().toArray(String[]::new))
                .map((row, meta) -> {
                    String callId = row.get("call_id", String.class);
                    return CallRecordRows.of(row, versions.get(callId), now);
                })
                .all().collectList()
                .flatMap(records -> send(records).thenReturn(records.size()))
                .flatMap(sent -> db.sql("DELETE FROM call_record_outbox WHERE id = ANY(:ids)").bind("ids", ids)
                        .fetch().rowsUpdated().doOnSuccess(deleted -> {
                            published.increment(sent);
                            lastPublishedMillis.set(now.toEpochMilli());
                        }))
                .thenReturn(outbox.size());
    }

    private Mono<Void> send(List<CallRecord> records) {
        CompletableFuture<?>[] sends = records.stream()
                .map(r -> kafka.send(Topics.CALL_RECORDS.name(), r.getCallId(), r)).toArray(CompletableFuture[]::new);
        return Mono.fromFuture(CompletableFuture.allOf(sends)).timeout(SEND_TIMEOUT);
    }

    /** A batch of call logs committed: publish soon rather than at the next poll. */
    public void wake() {
        loop.wake();
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
