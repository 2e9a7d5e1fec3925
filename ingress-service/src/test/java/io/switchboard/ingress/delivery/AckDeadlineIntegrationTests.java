package io.switchboard.ingress.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.IngressTest;
import io.switchboard.stack.testing.IsolatedBroker;
import io.switchboard.stack.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * An answer waits for Kafka's acknowledgement no longer than the deadline (1 s), whatever Kafka does. A frozen
 * broker (SIGSTOP: connections open, requests read by no one, so nothing fails fast) is thawed 3 s after the
 * event was emitted: the event must already be spooled by then, and the acknowledgement that comes late must not
 * put it on the topic a second time. The emitter is the service's, with the service's producer settings, on a
 * broker of the test's own.
 */
@IngressTest
class AckDeadlineIntegrationTests {
    private static final Duration FROZEN_FOR = Duration.ofSeconds(3);

    @Autowired
    ProducerFactory<String, Object> serviceProducers;

    @Autowired
    IngressProperties service;

    @TempDir
    Path temp;

    @Test
    void aBrokerThatStopsAnsweringGetsTheEventSpooledAtTheDeadlineAndOnTheTopicOnce() throws Exception {
        assertThat(service.ackDeadline()).isLessThan(FROZEN_FOR);
        try (IsolatedBroker broker = new IsolatedBroker(temp.resolve("kafka")).start()) {
            DefaultKafkaProducerFactory<String, Object> producers = producersFor(broker);
            DurableEmitter emitter = new DurableEmitter(new KafkaTemplate<>(producers), withSpool(temp.resolve("spool")),
                    new SimpleMeterRegistry(), new io.switchboard.platform.tracing.CallTraces(
                            io.micrometer.tracing.propagation.Propagator.NOOP, io.micrometer.observation.ObservationRegistry.NOOP));
            emitter.start();
            try {
                CallStarted warm = started();
                assertThat(emitter.emit(Topics.CALL_STARTED, warm.getRoomName(), warm).block())
                        .isEqualTo(DurableEmitter.Outcome.ACKNOWLEDGED);

                CallStarted late = started();
                broker.freeze();
                AtomicBoolean thawed = new AtomicBoolean();
                CompletableFuture<Void> thaw = CompletableFuture.runAsync(() -> {
                    thawed.set(true);
                    broker.thaw();
                }, CompletableFuture.delayedExecutor(FROZEN_FOR.toMillis(), TimeUnit.MILLISECONDS));
                DurableEmitter.Outcome outcome;
                try {
                    outcome = emitter.emit(Topics.CALL_STARTED, late.getRoomName(), late).block();
                    assertThat(thawed).as("answered while the broker was still frozen").isFalse();
                } finally {
                    thaw.join();
                }
                assertThat(outcome).isEqualTo(DurableEmitter.Outcome.SPOOLED);

                await().atMost(Duration.ofSeconds(30)).until(() -> emitter.spoolAgeMillis() == 0);
                assertThat(TopicReader.readAll(Topics.CALL_STARTED, broker.bootstrapServers()))
                        .extracting(r -> r.value().getEventId())
                        .as("each event once, the late one included")
                        .containsExactly(warm.getEventId(), late.getEventId());
            } finally {
                emitter.stop();
                emitter.destroy();
                producers.destroy();
            }
        }
    }

    /** The service's own producer settings (serializers, timeouts, acks), pointed at the test's broker. */
    private DefaultKafkaProducerFactory<String, Object> producersFor(IsolatedBroker broker) {
        Map<String, Object> config = new HashMap<>(serviceProducers.getConfigurationProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new DefaultKafkaProducerFactory<>(config);
    }

    private IngressProperties withSpool(Path spoolDir) {
        IngressProperties s = service;
        return new IngressProperties(s.livekitApiKey(), s.livekitApiSecret(), s.livekitKeys(), s.unknownNumberPolicy(),
                s.systemDefaultAgent(), s.defaultRegion(), s.maxBody(), s.ackDeadline(), spoolDir, s.spoolMaxAge(),
                s.spoolMinFree(), s.rememberCalls(), s.rememberMax(), s.callersMax());
    }

    /** One call's start; all of a test's events go to one room's partition, so the topic keeps their order. */
    private static CallStarted started() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return CallStarted.newBuilder().setEventId(id).setOccurredAt(now).setReceivedAt(now)
                .setSource(EventSource.sip_inbound).setCallId("SCL_" + id).setRoomName("room-deadline")
                .setFromNumber("+15550003333").setToNumber("+18588796658").setAgentName("agent")
                .setRoutingRule("system_default").setMetadata("{}").build();
    }
}
