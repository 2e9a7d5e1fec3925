package io.switchboard.calllog.consumer;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.ops.Replay;
import io.switchboard.stack.testing.SharedStack;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Not part of the test suite (its name matches no include pattern). Run:
 * {@code ./switchboard test -pl calllog-service -am -Dtest=CallLogConsumerBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.calls=100000}
 * Builds a backlog of calls (three events each) while the consumer is stopped, then measures the drain.
 */
@ServiceIntegrationTest
class CallLogConsumerBenchmark {
    static final int CALLS = Integer.getInteger("benchmark.calls", 100_000);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void drainsABacklogOfCalls() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer("calllog");
        Replay replay = new Replay(SharedStack.endpoints().kafkaBootstrapServers(), "calllog", line -> { });
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> replay.lag() == 0);
        container.stop();
        produce();
        long backlog = replay.lag();
        long start = System.nanoTime();
        container.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> replay.lag() == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        var batches = meters.find("switchboard.calllog.batch.size").summary();
        System.out.printf("%nBENCHMARK calllog consumer: %,d events (%,d calls) written in %.1f s = %,.0f events/s;"
                        + " batches: %d, mean %.0f records, max %.0f%n%n", backlog, CALLS, seconds, backlog / seconds,
                batches == null ? 0 : batches.count(), batches == null ? 0 : batches.mean(), batches == null ? 0 : batches.max());
    }

    private static void produce() {
        var stack = SharedStack.endpoints();
        Map<String, Object> props = new HashMap<>(EventSerdes.producer(stack.registryUrl()));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < CALLS; i++) {
                String callId = "BENCH_" + run + "_" + i;
                String room = "room-" + callId;
                Instant start = t0.plusSeconds(i);
                producer.send(new ProducerRecord<>(Topics.CALL_STARTED.name(), room, CallStarted.newBuilder()
                        .setEventId(callId).setOccurredAt(start).setReceivedAt(start).setSource(EventSource.sip_inbound)
                        .setCallId(callId).setRoomName(room).setFromNumber("+1555" + String.format("%07d", i % 50_000))
                        .setToNumber("+18588796658").setAgentName("agent").setRoutingRule("campaign")
                        .setTenantId("tenant-b").setCampaignId("campaign-" + (i % 20)).setMetadata("{}").build()));
                producer.send(new ProducerRecord<>(Topics.CALL_ENDED.name(), room, CallEnded.newBuilder()
                        .setEventId("e" + callId).setOccurredAt(start.plusSeconds(60)).setReceivedAt(start.plusSeconds(60))
                        .setSource(EventSource.livekit_webhook).setCallId(callId).setRoomName(room)
                        .setDisconnectReason("CLIENT_INITIATED").build()));
                producer.send(new ProducerRecord<>(Topics.ROOM_FINISHED.name(), room, RoomFinished.newBuilder()
                        .setEventId("f" + callId).setOccurredAt(start.plusSeconds(80)).setReceivedAt(start.plusSeconds(80))
                        .setSource(EventSource.livekit_webhook).setRoomName(room).build()));
            }
            producer.flush();
        }
    }
}
