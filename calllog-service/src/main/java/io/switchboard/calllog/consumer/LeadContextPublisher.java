package io.switchboard.calllog.consumer;

import io.switchboard.events.LeadContext;
import io.switchboard.events.Topics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the leads a batch changed to {@code leads.context}, keyed by tenant and caller, after the batch committed and
 * before its offsets are: a failure fails the batch, which is written again (no change) and published again. So the
 * topic is at least as new as the database; the latest publication of a key wins, which is the caller's latest lead.
 */
@Component
class LeadContextPublisher {
    private final KafkaTemplate<String, Object> kafka;

    LeadContextPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    void publish(List<LeadContext> leads) throws Exception {
        if (leads.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(leads.stream()
                .map(l -> kafka.send(Topics.LEAD_CONTEXT.name(), Topics.leadContextKey(l.getTenantId(), l.getPhoneNumber()), l))
                .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
}
