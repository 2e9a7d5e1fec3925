package io.switchboard.calllog.api;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import io.switchboard.platform.web.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Reads the call logs and leads, newest first. */
@RestController
class CallLogController {
    private static final Set<String> CALL_STATUSES = Set.of("ringing", "in_progress", "completed", "busy",
            "no_answer", "failed", "canceled");
    private static final Set<String> LEAD_STATUSES = Set.of("calling", "completed");

    record CallLog(String callId, String roomName, UUID leadId, String tenantId, String campaignId, String phoneNumberId,
                   String fromNumber, String toNumber, String trunkId, String agentName, String routingRule, String source,
                   String direction, String status, Instant startedAt, Instant answeredAt, Instant endedAt, Instant roomFinishedAt,
                   String disconnectReason, String hangupCause, String hangupSource, Integer sipCode,
                   Integer durationSeconds, Integer talkSeconds, Integer holdSeconds, String metadata) {
    }

    record Lead(UUID id, String campaignId, String phoneNumber, String tenantId, String name, String status,
                int attempts, Instant firstCallAt, Instant lastCallAt, String source) {
    }

    private final DatabaseClient db;

    CallLogController(CallLogReads reads) {
        this.db = reads.db();
    }

    @GetMapping("/api/v1/call-logs")
    Mono<Page<CallLog>> callLogs(Credential credential, @RequestParam(name = "tenant_id", required = false) String tenantId,
                                 @RequestParam(name = "campaign_id", required = false) String campaignId,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String caller,
                                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        GenericExecuteSpec query = db.sql("SELECT *" + Pages.TOTAL + " FROM call_logs"
                + " WHERE (CAST(:tenant AS text) IS NULL OR tenant_id = :tenant)"
                + " AND (CAST(:campaign AS text) IS NULL OR campaign_id = :campaign)"
                + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                + " AND (CAST(:caller AS text) IS NULL OR from_number = :caller)"
                + " AND (CAST(:from AS timestamptz) IS NULL OR started_at >= :from)"
                + " AND (CAST(:to AS timestamptz) IS NULL OR started_at < :to)"
                + " ORDER BY started_at DESC NULLS LAST, call_id LIMIT :size OFFSET :offset");
        query = Sql.bind(query, "tenant", credential.tenantFilter(tenantId), String.class);
        query = Sql.bind(query, "campaign", campaignId, String.class);
        query = Sql.bind(query, "status", oneOf("status", status, CALL_STATUSES), String.class);
        query = Sql.bind(query, "caller", caller, String.class);
        query = Sql.bind(query, "from", time("from", from), java.time.OffsetDateTime.class);
        query = Sql.bind(query, "to", time("to", to), java.time.OffsetDateTime.class);
        return Pages.fetch(query, PageRequest.of(page, size), CallLogController::toCallLog);
    }

    /** A call by id: its log is its current state (also at /api/v1/calls/{id}, beside the ingress's POST of calls out). */
    @GetMapping({"/api/v1/call-logs/{callId}", "/api/v1/calls/{callId}"})
    Mono<CallLog> callLog(Credential credential, @PathVariable String callId) {
        return db.sql("SELECT * FROM call_logs WHERE call_id = :id").bind("id", callId).map(CallLogController::toCallLog)
                .one().filter(call -> credential.sees(call.tenantId())).switchIfEmpty(ApiException.whenMissing("call", callId));
    }

    @GetMapping("/api/v1/leads")
    Mono<Page<Lead>> leads(Credential credential, @RequestParam(name = "tenant_id", required = false) String tenantId,
                           @RequestParam(name = "campaign_id", required = false) String campaignId,
                           @RequestParam(required = false) String status, @RequestParam(required = false) String number,
                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        GenericExecuteSpec query = db.sql("SELECT *" + Pages.TOTAL + " FROM leads"
                + " WHERE (CAST(:tenant AS text) IS NULL OR tenant_id = :tenant)"
                + " AND (CAST(:campaign AS text) IS NULL OR campaign_id = :campaign)"
                + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                + " AND (CAST(:number AS text) IS NULL OR phone_number = :number)"
                + " ORDER BY last_call_at DESC NULLS LAST, id LIMIT :size OFFSET :offset");
        query = Sql.bind(query, "tenant", credential.tenantFilter(tenantId), String.class);
        query = Sql.bind(query, "campaign", campaignId, String.class);
        query = Sql.bind(query, "status", oneOf("status", status, LEAD_STATUSES), String.class);
        query = Sql.bind(query, "number", number, String.class);
        return Pages.fetch(query, PageRequest.of(page, size), CallLogController::toLead);
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw ApiException.invalidField(field, "must be one of " + allowed);
        }
        return value;
    }

    private static java.time.OffsetDateTime time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "is not an ISO-8601 time with an offset, e.g. 2026-11-21T10:00:00Z");
        }
    }

    private static CallLog toCallLog(Readable r) {
        return new CallLog(r.get("call_id", String.class), r.get("room_name", String.class), r.get("lead_id", UUID.class),
                r.get("tenant_id", String.class), r.get("campaign_id", String.class), r.get("phone_number_id", String.class),
                r.get("from_number", String.class), r.get("to_number", String.class), r.get("trunk_id", String.class),
                r.get("agent_name", String.class), r.get("routing_rule", String.class), r.get("source", String.class),
                r.get("direction", String.class), r.get("status", String.class),
                Sql.instant(r, "started_at"), Sql.instant(r, "answered_at"), Sql.instant(r, "ended_at"),
                Sql.instant(r, "room_finished_at"), r.get("disconnect_reason", String.class),
                r.get("hangup_cause", String.class), r.get("hangup_source", String.class), r.get("sip_code", Integer.class),
                r.get("duration_seconds", Integer.class), r.get("talk_seconds", Integer.class),
                r.get("hold_seconds", Integer.class), r.get("metadata", String.class));
    }

    private static Lead toLead(Readable r) {
        return new Lead(r.get("id", UUID.class), r.get("campaign_id", String.class), r.get("phone_number", String.class),
                r.get("tenant_id", String.class), r.get("name", String.class), r.get("status", String.class),
                r.get("attempts", Integer.class), Sql.instant(r, "first_call_at"), Sql.instant(r, "last_call_at"),
                r.get("source", String.class));
    }
}
