package io.switchboard.calllog.publication;

import io.r2dbc.spi.Row;
import io.switchboard.events.CallRecord;
import io.switchboard.events.EventSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A {@code call_logs} row as the {@link CallRecord} analytics consumers read. */
final class CallRecordRows {
    static final String COLUMNS = "call_id, room_name, status, direction, source, lead_id, tenant_id, campaign_id, "
            + "phone_number_id, from_number, to_number, trunk_id, agent_name, routing_rule, metadata, started_at, "
            + "answered_at, ended_at, room_finished_at, duration_seconds, hold_seconds, talk_seconds, disconnect_reason, "
            + "hangup_cause, hangup_source, sip_code, updated_at";

    private CallRecordRows() {
    }

    /** The record of a row; {@code version} orders the publications of one call. */
    static CallRecord of(Row row, long version, Instant now) {
        String callId = row.get("call_id", String.class);
        UUID lead = row.get("lead_id", UUID.class);
        return CallRecord.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("call.records/" + callId + "/" + version).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setOccurredAt(instant(row, "updated_at")).setReceivedAt(now).setSource(EventSource.calllog_service)
                .setVersion(version).setCallId(callId).setRoomName(row.get("room_name", String.class))
                .setStatus(row.get("status", String.class)).setDirection(row.get("direction", String.class))
                .setCallSource(row.get("source", String.class)).setLeadId(lead == null ? null : lead.toString())
                .setTenantId(text(row, "tenant_id")).setCampaignId(text(row, "campaign_id"))
                .setPhoneNumberId(text(row, "phone_number_id")).setFromNumber(text(row, "from_number"))
                .setToNumber(text(row, "to_number")).setTrunkId(text(row, "trunk_id"))
                .setAgentName(text(row, "agent_name")).setRoutingRule(text(row, "routing_rule"))
                .setMetadata(text(row, "metadata")).setStartedAt(instant(row, "started_at"))
                .setAnsweredAt(instant(row, "answered_at")).setEndedAt(instant(row, "ended_at"))
                .setRoomFinishedAt(instant(row, "room_finished_at"))
                .setDurationSeconds(row.get("duration_seconds", Integer.class))
                .setHoldSeconds(row.get("hold_seconds", Integer.class)).setTalkSeconds(row.get("talk_seconds", Integer.class))
                .setDisconnectReason(text(row, "disconnect_reason")).setHangupCause(text(row, "hangup_cause"))
                .setHangupSource(text(row, "hangup_source")).setSipCode(row.get("sip_code", Integer.class))
                .build();
    }

    private static String text(Row row, String column) {
        return row.get(column, String.class);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
