package io.switchboard.routing.apikey;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.ApiKey;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.routing.RoutingProperties;
import io.switchboard.platform.loop.WakeableLoop;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Puts each key's committed state on {@code access.api-keys} (a revoked key as a tombstone): in one
 * transaction it locks the rows marked pending, sends them, waits for every acknowledgement and only then
 * clears the mark. A failed send rolls back, so the rows are sent again; a change made meanwhile waits for the
 * row lock and marks the row again, so the latest state is always the last one published.
 */
@Component
class ApiKeyPublisher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyPublisher.class);
    private static final int BATCH = 500;

    private record Row(UUID id, String name, UUID tenantId, String role, byte[] hash, Instant changedAt, boolean revoked) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, ApiKey> kafka;
    private final RoutingProperties.Relay settings;
    private final WakeableLoop loop;
    private final Counter published;

    ApiKeyPublisher(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, ApiKey> kafka,
                    RoutingProperties properties, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = properties.relay();
        this.published = meters.counter("switchboard.routing.api_keys.published");
        this.loop = new WakeableLoop(settings.pollInterval(), () -> publishPending().onErrorResume(e -> {
            log.warn("publishing API keys failed, will retry: {}", e.toString());
            return Mono.delay(settings.retryBackoff()).thenReturn(0);
        }));
    }

    /** A change committed: publish now rather than at the next poll. */
    void wake() {
        loop.wake();
    }

    @Override
    public void start() {
        loop.start();
    }

    Mono<Integer> publishPending() {
        Mono<Integer> batch = db.sql("SELECT id, name, tenant_id, role, secret_sha256, COALESCE(revoked_at, created_at)"
                        + " AS changed_at, revoked_at IS NOT NULL AS revoked FROM api_keys WHERE publish_pending"
                        + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED").bind("limit", BATCH)
                .map(r -> new Row(r.get("id", UUID.class), r.get("name", String.class), r.get("tenant_id", UUID.class),
                        r.get("role", String.class), r.get("secret_sha256", byte[].class),
                        r.get("changed_at", OffsetDateTime.class).toInstant(), Boolean.TRUE.equals(r.get("revoked", Boolean.class))))
                .all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : send(rows)
                        .then(db.sql("UPDATE api_keys SET publish_pending = false WHERE id = ANY(:ids)")
                                .bind("ids", rows.stream().map(Row::id).toArray(UUID[]::new)).fetch().rowsUpdated())
                        .doOnSuccess(n -> published.increment(rows.size()))
                        .thenReturn(rows.size()));
        return tx.transactional(batch);
    }

    /** Sends on a worker thread (a send may block while the producer looks up metadata), bounded in time. */
    private Mono<Void> send(List<Row> rows) {
        Instant now = Instant.now();
        return Flux.fromIterable(rows)
                .flatMapSequential(row -> Mono.fromFuture(() -> kafka.send(Topics.API_KEYS.name(), row.id().toString(),
                        row.revoked() ? null : record(row, now))))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(settings.sendTimeout())
                .then();
    }

    private static ApiKey record(Row row, Instant now) {
        return ApiKey.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(row.changedAt())
                .setReceivedAt(now).setSource(EventSource.routing_service).setKeyId(row.id().toString())
                .setName(row.name()).setTenantId(row.tenantId() == null ? null : row.tenantId().toString())
                .setRole(row.role()).setSecretSha256(ByteBuffer.wrap(row.hash())).build();
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
