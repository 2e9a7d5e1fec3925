package io.switchboard.ingress;

import io.switchboard.events.AgentConfig;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.kafka.core.KafkaTemplate;

/** Routing entries as routing-service publishes them, written straight to the topic. */
public final class RoutingEntries {
    private static final AtomicLong NEXT = new AtomicLong(3_000_000 + (System.nanoTime() & 0xFFFFF) * 3);

    private RoutingEntries() {
    }

    /** A national 619 number no other test uses. */
    public static String freshNumber() {
        String n = String.format("%07d", NEXT.incrementAndGet() % 10_000_000);
        return "+1619" + n;
    }

    public static RoutingEntry.Builder entry(String e164, String agent, String rule) {
        Instant now = Instant.now();
        return RoutingEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setReceivedAt(now)
                .setSource(EventSource.routing_service).setVersion(System.nanoTime()).setPhoneNumber(e164)
                .setPhoneNumberId(UUID.randomUUID().toString()).setTenantId(UUID.randomUUID().toString())
                .setTenantName("Acme").setAgentName(agent).setRoutingRule(rule);
    }

    public static AgentConfig voice(String voice) {
        return AgentConfig.newBuilder().setTtsProvider("cartesia").setTtsVoice(voice).build();
    }

    public static void publish(KafkaTemplate<String, Object> kafka, RoutingEntry entry) throws Exception {
        kafka.send(Topics.ROUTING_ENTRIES.name(), entry.getPhoneNumber(), entry).get();
    }

    public static void remove(KafkaTemplate<String, Object> kafka, String e164) throws Exception {
        kafka.send(Topics.ROUTING_ENTRIES.name(), e164, null).get();
    }
}
