package io.switchboard.ingress.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.Topic;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.platform.tracing.CallTraces;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Makes an event durable before the webhook is answered: acknowledged by Kafka (acks=all, idempotent)
 * within the deadline, or else committed to the local {@link DiskSpool}, which a background task drains
 * to Kafka in order. While the spool holds anything (or Kafka has just failed) new events go to the spool
 * too, so they cannot overtake older ones. If neither works the returned Mono fails: the caller answers 503.
 */
@Component
public class DurableEmitter implements SmartLifecycle, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DurableEmitter.class);
    private static final int DRAIN_BATCH = 500;
    /** How recently a topic must have been acknowledged for its sends to run on the calling thread. */
    private static final Duration WARM = Duration.ofMinutes(1);

    /** How an event was made durable. */
    public enum Outcome { ACKNOWLEDGED, SPOOLED }

    private final KafkaTemplate<String, Object> kafka;
    private final CallTraces traces;
    private final DiskSpool spool;
    private final Duration deadline;
    private final AtomicBoolean kafkaAvailable = new AtomicBoolean(true);
    private final Map<String, AtomicLong> lastAck = new ConcurrentHashMap<>();
    private final Scheduler spoolWriter = Schedulers.newBoundedElastic(4, 100_000, "spool-writer");
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("kafka-send")
            .daemon().factory());
    private final Counter acknowledged;
    private final Counter spooled;
    private final Counter refused;
    private volatile Disposable drainer;
    /** A full disk refuses every answer: one log line per interval, not one per request. */
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);
    private final AtomicLong lastRefusalLogged = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL.toNanos());

    DurableEmitter(KafkaTemplate<String, Object> kafka, IngressProperties properties, MeterRegistry meters,
                   CallTraces traces) {
        this.kafka = kafka;
        this.traces = traces;
        this.spool = new DiskSpool(properties.spoolDir(), properties.spoolMinFree().toBytes());
        this.deadline = properties.ackDeadline();
        this.acknowledged = meters.counter("switchboard.ingress.events", "outcome", "acknowledged");
        this.spooled = meters.counter("switchboard.ingress.events", "outcome", "spooled");
        this.refused = meters.counter("switchboard.ingress.events", "outcome", "refused");
        Gauge.builder("switchboard.ingress.spool.depth", spool, DiskSpool::depth).register(meters);
        Gauge.builder("switchboard.ingress.spool.age", spool, s -> s.oldestAgeMillis() / 1000.0)
                .baseUnit("seconds").register(meters);
        Gauge.builder("switchboard.ingress.spool.quarantined", spool, DiskSpool::quarantined).register(meters);
    }

    /**
     * Makes the event durable. Its record carries the trace of the request being answered (W3C traceparent, from the
     * subscriber's Reactor context) when it goes straight to Kafka; an event that waits in the spool goes without.
     */
    public <V extends SpecificRecord> Mono<Outcome> emit(Topic<V> topic, String key, V value) {
        if (!kafkaAvailable.get() || spool.depth() > 0) {
            return toSpool(topic.name(), key, value, null);
        }
        return Mono.deferContextual(context -> {
            RecordHeaders headers = new RecordHeaders();
            traces.inject(context, headers);
            return acknowledged(topic, key, value, headers);
        });
    }

    private <V extends SpecificRecord> Mono<Outcome> acknowledged(Topic<V> topic, String key, V value, RecordHeaders headers) {
        CompletableFuture<Void> sent = send(topic.name(), key, value, headers);
        return Mono.fromFuture(sent, true) // the deadline ends the wait, not the send
                .timeout(deadline)
                .doOnSuccess(ok -> acknowledged.increment())
                .thenReturn(Outcome.ACKNOWLEDGED)
                .onErrorResume(e -> {
                    markUnavailable(e);
                    return toSpool(topic.name(), key, value, sent);
                });
    }

    /**
     * send() can block: for a topic whose metadata the producer lacks (up to max.block.ms) and for the serializer's
     * first lookup of a schema. A topic acknowledged within {@link #WARM} has neither to fetch (the producer keeps
     * a topic's metadata for metadata.max.idle.ms, 5 min, after its last send; schemas are held for good), so its
     * sends run on the calling thread. Other sends go to one sender thread, in arrival order, so a blocked send
     * never stalls an event loop; the deadline counts from the request, so sends queued behind it spool in time.
     */
    private CompletableFuture<Void> send(String topic, String key, Object value, RecordHeaders headers) {
        AtomicLong acked = lastAck.computeIfAbsent(topic, t -> new AtomicLong(System.nanoTime() - 2 * WARM.toNanos()));
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        Runnable send = () -> {
            try {
                kafka.send(new ProducerRecord<>(topic, null, key, value, headers)).whenComplete((result, failure) -> {
                    if (failure == null) {
                        acked.set(System.nanoTime());
                        outcome.complete(null);
                    } else {
                        outcome.completeExceptionally(failure);
                    }
                });
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        };
        if (System.nanoTime() - acked.get() < WARM.toNanos()) {
            send.run();
        } else {
            sender.execute(send);
        }
        return outcome;
    }

    /**
     * Spools an event. {@code pending} is a send of it that missed the deadline but may still be acknowledged (it
     * ends within the producer's delivery timeout): the spooled copy is held back from the drain until then, and
     * dropped if it was, so a late acknowledgement does not put the event on the topic twice.
     */
    private Mono<Outcome> toSpool(String topic, String key, SpecificRecord value, CompletableFuture<Void> pending) {
        return Mono.fromCallable(() -> {
            if (pending != null && pending.isDone() && !pending.isCompletedExceptionally()) {
                acknowledged.increment(); // acknowledged just after the deadline: nothing to spool
                return Outcome.ACKNOWLEDGED;
            }
            long seq = spool.append(topic, key, value, pending != null);
            if (pending != null) {
                // not on the producer's I/O thread: releasing takes the spool's lock, which an fsync may hold
                pending.whenCompleteAsync((ok, failure) -> spool.release(seq, failure == null), spoolWriter::schedule);
            }
            spooled.increment();
            return Outcome.SPOOLED;
        }).subscribeOn(spoolWriter).doOnError(e -> {
            refused.increment();
            long now = System.nanoTime();
            long last = lastRefusalLogged.get();
            if (now - last > REFUSAL_LOG_INTERVAL.toNanos() && lastRefusalLogged.compareAndSet(last, now)) {
                log.error("cannot spool events, answering 503 ({} refused so far): {}", (long) refused.count(), e.toString());
            }
        });
    }

    private void markUnavailable(Throwable e) {
        if (kafkaAvailable.getAndSet(false)) {
            log.warn("Kafka did not acknowledge within {}; spooling events until it does: {}", deadline, e.toString());
        }
    }

    /** Sends the spool's oldest events, in order; removes them once all are acknowledged. */
    Mono<Integer> drainOnce() {
        return Mono.defer(this::drainBatch);
    }

    private Mono<Integer> drainBatch() {
        List<DiskSpool.Spooled> batch = spool.oldest(DRAIN_BATCH);
        if (batch.isEmpty()) {
            if (spool.depth() == 0) { // else its head is held, waiting for a late acknowledgement
                kafkaAvailable.set(true);
            }
            return Mono.just(0);
        }
        // sent in spool order (the idempotent producer keeps it per partition); each send ends within the producer's
        // delivery timeout, and those acknowledged leave the spool even if others failed, so a retry of the batch
        // does not put them on the topic a second time
        return Mono.fromCallable(() -> batch.stream()
                        .map(s -> kafka.send(s.topic(), s.key(), s.value())).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sends -> Mono.fromFuture(CompletableFuture.allOf(sends.stream()
                                .map(f -> f.handle((ok, failure) -> null)).toArray(CompletableFuture[]::new)))
                        .timeout(Duration.ofSeconds(30))
                        .then(Mono.fromCallable(() -> removeDelivered(batch, sends))));
    }

    private int removeDelivered(List<DiskSpool.Spooled> batch, List<? extends CompletableFuture<?>> sends) {
        List<DiskSpool.Spooled> delivered = new java.util.ArrayList<>();
        Throwable failure = null;
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<?> send = sends.get(i);
            if (send.isDone() && !send.isCompletedExceptionally()) {
                delivered.add(batch.get(i));
            } else if (failure == null) {
                failure = send.handle((ok, e) -> e).getNow(null);
            }
        }
        spool.remove(delivered);
        if (delivered.size() < batch.size()) {
            throw new IllegalStateException((batch.size() - delivered.size()) + " of " + batch.size()
                    + " spooled events were not acknowledged", failure);
        }
        return batch.size();
    }

    /** Usable bytes on the spool's disk, and the floor below which it refuses events. */
    record SpoolDisk(long freeBytes, long floorBytes) {
        boolean low() {
            return freeBytes < floorBytes;
        }
    }

    SpoolDisk spoolDisk() {
        return new SpoolDisk(spool.freeBytes(), spool.minFreeBytes());
    }

    /** Milliseconds the oldest spooled event has waited (0: the spool is empty). */
    long spoolAgeMillis() {
        return spool.oldestAgeMillis();
    }

    @Override
    public void start() {
        drainer = Flux.interval(Duration.ofMillis(250))
                .onBackpressureDrop() // a slow drain skips ticks rather than ending the loop
                .concatMap(tick -> drainOnce().expand(n -> n == DRAIN_BATCH ? drainOnce() : Mono.empty())
                        .reduce(0, Integer::sum)
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("drained {} spooled events to Kafka; {} left", n, spool.depth());
                            }
                        })
                        .onErrorResume(e -> {
                            markUnavailable(e);
                            return Mono.delay(Duration.ofSeconds(1)).thenReturn(0);
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (drainer != null) {
            drainer.dispose();
        }
    }

    /**
     * Only the drain stops with the lifecycle: a stopped context can be started again (Spring pauses
     * idle contexts), and answers still in flight during a graceful shutdown must still send or spool.
     * The sender, the spool and its writer close with the bean.
     */
    @Override
    public void destroy() {
        sender.shutdown();
        spoolWriter.dispose();
        spool.close();
    }

    @Override
    public boolean isRunning() {
        return drainer != null && !drainer.isDisposed();
    }
}
