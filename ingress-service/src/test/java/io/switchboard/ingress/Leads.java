package io.switchboard.ingress;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventSource;
import io.switchboard.events.LeadContext;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.ingress.callers.Callers;
import io.switchboard.ingress.routing.RoutingTable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;

/** Known callers for tests: a routed number of a tenant of its own, and a lead as calllog-service publishes it. */
final class Leads {
    private Leads() {
    }

    /** A fresh number routed by its campaign to {@code support-agent}, once the ingress's table holds it. */
    static RoutingEntry routed(KafkaTemplate<String, Object> kafka, RoutingTable table) throws Exception {
        RoutingEntry entry = RoutingEntries.entry(RoutingEntries.freshNumber(), "support-agent", "campaign").build();
        RoutingEntries.publish(kafka, entry);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.lookup(entry.getPhoneNumber()).isPresent());
        return entry;
    }

    /** {@code caller}'s lead in {@code tenant} on leads.context, once the ingress's callers table holds it. */
    static void publish(KafkaTemplate<String, Object> kafka, Callers callers, String tenant, String caller, String name,
                        int attempts) throws Exception {
        Instant now = Instant.now();
        kafka.send(Topics.LEAD_CONTEXT.name(), Topics.leadContextKey(tenant, caller), LeadContext.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setReceivedAt(now)
                .setSource(EventSource.calllog_service).setTenantId(tenant).setPhoneNumber(caller)
                .setLeadId(UUID.randomUUID().toString()).setName(name).setStatus("completed").setAttempts(attempts)
                .setLastCallAt(now).setLastCallStatus("completed").build()).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> callers.find(tenant, caller) != null
                && callers.find(tenant, caller).attempts() == attempts);
    }
}
