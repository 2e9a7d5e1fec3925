package io.switchboard.ingress.callers;

import io.switchboard.events.EventSource;
import io.switchboard.events.LeadContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A caller's latest lead in one tenant, held compactly (about 56 bytes; a million take ~125 MB with the table's
 * keys): the lead id as two longs, the default name ("Inbound Caller " + number) as null, the two statuses as small
 * codes and the campaign id shared among its leads. {@link #context} rebuilds the full record for a dispatch.
 */
public record KnownCaller(long leadMsb, long leadLsb, String campaignId, String name, byte status, byte lastCallStatus,
                          int attempts, long lastCallAtMs) {
    private static final List<String> LEAD_STATUSES = List.of("calling", "completed");
    private static final List<String> CALL_STATUSES = List.of("ringing", "in_progress", "completed", "busy", "no_answer",
            "failed", "canceled");

    static KnownCaller of(LeadContext c, String sharedCampaignId) {
        UUID lead = UUID.fromString(c.getLeadId());
        String defaultName = "Inbound Caller " + c.getPhoneNumber();
        return new KnownCaller(lead.getMostSignificantBits(), lead.getLeastSignificantBits(), sharedCampaignId,
                defaultName.equals(c.getName()) ? null : c.getName(), code(LEAD_STATUSES, c.getStatus()),
                code(CALL_STATUSES, c.getLastCallStatus()), c.getAttempts(), c.getLastCallAt().toEpochMilli());
    }

    /** The lead's context for the caller {@code e164} of tenant {@code tenantId}. */
    public LeadContext context(String tenantId, String e164) {
        Instant at = Instant.ofEpochMilli(lastCallAtMs);
        return LeadContext.newBuilder().setEventId("").setOccurredAt(at).setReceivedAt(at)
                .setSource(EventSource.calllog_service).setTenantId(tenantId).setPhoneNumber(e164)
                .setLeadId(new UUID(leadMsb, leadLsb).toString()).setCampaignId(campaignId)
                .setName(name != null ? name : "Inbound Caller " + e164).setStatus(text(LEAD_STATUSES, status))
                .setAttempts(attempts).setLastCallAt(at).setLastCallStatus(text(CALL_STATUSES, lastCallStatus)).build();
    }

    /** A known word's index; -1 for none, and for a word this version does not know (kept as unknown, not guessed). */
    private static byte code(List<String> words, String word) {
        return (byte) (word == null ? -1 : words.indexOf(word));
    }

    private static String text(List<String> words, byte code) {
        return code < 0 ? null : words.get(code);
    }
}
