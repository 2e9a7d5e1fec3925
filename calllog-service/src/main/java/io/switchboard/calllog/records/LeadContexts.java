package io.switchboard.calllog.records;

import io.r2dbc.spi.Readable;
import io.switchboard.events.EventSource;
import io.switchboard.events.LeadContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A lead row as the context the agent gets about its caller (leads.context). */
final class LeadContexts {
    private LeadContexts() {
    }

    static LeadContext of(Readable row) {
        Instant updated = row.get("updated_at", OffsetDateTime.class).toInstant();
        return LeadContext.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(updated)
                .setReceivedAt(Instant.now()).setSource(EventSource.calllog_service)
                .setTenantId(row.get("tenant_id", String.class)).setPhoneNumber(row.get("phone_number", String.class))
                .setLeadId(row.get("id", UUID.class).toString()).setCampaignId(row.get("campaign_id", String.class))
                .setName(row.get("name", String.class)).setStatus(row.get("status", String.class))
                .setAttempts(row.get("attempts", Integer.class))
                .setLastCallAt(row.get("last_call_at", OffsetDateTime.class).toInstant())
                .setLastCallStatus(row.get("last_call_status", String.class)).build();
    }
}
