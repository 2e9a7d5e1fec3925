package io.switchboard.calllog.records;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import io.switchboard.events.LeadContext;
import reactor.core.publisher.Mono;

/**
 * Writes a batch of call events in one transaction of a few multi-row statements. Each event fills only
 * the columns it owns and keeps the earliest value seen; status, duration and the leads' figures are then
 * computed from what is stored. So duplicates and any arrival order end in the same rows.
 */
@Component
public class CallRecordWriter {
    /** Disconnect reasons that mean the call failed rather than ended. */
    static final String[] FAILURES = {"JOIN_FAILURE", "SIP_TRUNK_FAILURE", "CONNECTION_TIMEOUT", "MEDIA_FAILURE",
            "USER_UNAVAILABLE", "USER_REJECTED", "SIGNAL_CLOSE"};
    private static final List<String> STARTED_COLUMNS = List.of("room_name", "lead_id", "tenant_id", "campaign_id",
            "phone_number_id", "from_number", "to_number", "trunk_id", "agent_name", "routing_rule", "metadata", "source",
            "direction");

    /**
     * Taken before the leads are written, held to commit. Writers (consumer threads, replicas) own different
     * rooms but share leads; a lead's first and latest call must be read in a snapshot that includes the calls
     * of a writer that wrote the same lead just before, so lead writes run one at a time, each after the
     * previous commit. (Attempts alone would not need it: they are increments under the row's lock.)
     */
    static final long LEADS_LOCK = 0x5357_4c45_4144_5331L;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    private final CallHoldTimes holdTimes;

    CallRecordWriter(DatabaseClient db, TransactionalOperator tx, CallHoldTimes holdTimes) {
        this.db = db;
        this.tx = tx;
        this.holdTimes = holdTimes;
    }

    /** Writes the events; answers the leads the write changed, as their context for dispatch metadata. */
    public Mono<List<LeadContext>> write(Collection<?> events) {
        CallFacts facts = CallFacts.of(events);
        if (facts.starts.isEmpty() && facts.roomEnds.isEmpty() && facts.holds.isEmpty()) {
            return Mono.just(List.of());
        }
        // The driver reuses prepared statements; a generic plan cannot see how many rooms the arrays hold.
        Mono<Long> customPlans = db.sql("SET LOCAL plan_cache_mode = force_custom_plan").fetch().rowsUpdated();
        // Endings first, so that the calls written next take them in the same write.
        return tx.transactional(customPlans
                .then(roomEndings(facts.roomEnds.values()))
                .then(endedCalls(facts.endedRooms))
                .flatMap(ended -> callsStarted(facts.starts.values()).map(written -> LeadChanges.of(written, ended)))
                .flatMap(changes -> holdTimes.write(facts).thenReturn(changes))
                .filter(changes -> !changes.isEmpty()) // endings that changed no stored call change no lead
                .flatMap(changes -> db.sql("SELECT pg_advisory_xact_lock(:key)").bind("key", LEADS_LOCK).fetch()
                        .rowsUpdated().then(leads(changes)))
                .defaultIfEmpty(List.of()));
    }

    private Mono<Long> roomEndings(Collection<CallFacts.RoomEnd> ends) {
        if (ends.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                INSERT INTO room_endings (room_name, kind, call_id, at, disconnect_reason, status, hangup_cause,
                       hangup_source, sip_code)
                SELECT * FROM unnest(:rooms::text[], :kinds::text[], :calls::text[], :at::timestamptz[], :reasons::text[],
                       :statuses::text[], :causes::text[], :sources::text[], :codes::int[])
                ON CONFLICT (room_name, kind, call_id, at) DO UPDATE SET
                  disconnect_reason = COALESCE(room_endings.disconnect_reason, EXCLUDED.disconnect_reason),
                  status = COALESCE(room_endings.status, EXCLUDED.status),
                  hangup_cause = COALESCE(room_endings.hangup_cause, EXCLUDED.hangup_cause),
                  hangup_source = COALESCE(room_endings.hangup_source, EXCLUDED.hangup_source),
                  sip_code = COALESCE(room_endings.sip_code, EXCLUDED.sip_code)""")
                .bind("rooms", column(ends, CallFacts.RoomEnd::room))
                .bind("kinds", column(ends, CallFacts.RoomEnd::kind))
                .bind("calls", column(ends, CallFacts.RoomEnd::callId))
                .bind("at", column(ends, e -> time(e.at())))
                .bind("reasons", column(ends, CallFacts.RoomEnd::disconnectReason))
                .bind("statuses", column(ends, CallFacts.RoomEnd::status))
                .bind("causes", column(ends, CallFacts.RoomEnd::hangupCause))
                .bind("sources", column(ends, CallFacts.RoomEnd::hangupSource))
                .bind("codes", ends.stream().map(CallFacts.RoomEnd::sipCode).toArray(Integer[]::new))
                .fetch().rowsUpdated();
    }

    /**
     * Calls already stored whose room's ending is new: their ending, status and duration follow it. Both sides
     * name the batch's rooms, so each is read through its index: joined on the room alone, the planner chose a
     * scan of all of call_logs for 5,000 rooms at a few hundred thousand calls (~240 ms a batch, mostly to
     * update nothing, since endings often arrive before their calls).
     */
    private Mono<List<String>> endedCalls(Set<String> rooms) {
        if (rooms.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql("""
                UPDATE call_logs k SET ended_at = e.ended_at, disconnect_reason = e.disconnect_reason,
                       hangup_cause = e.hangup_cause, hangup_source = e.hangup_source, sip_code = e.sip_code,
                       room_finished_at = e.finished_at, status = %1$s, duration_seconds = %2$s, updated_at = now()
                  FROM (SELECT c.call_id, %3$s FROM call_logs c %4$s WHERE c.room_name = ANY(:rooms)) e
                 WHERE k.room_name = ANY(:rooms) AND k.call_id = e.call_id
                   AND (k.ended_at, k.disconnect_reason, k.hangup_cause, k.hangup_source, k.sip_code, k.room_finished_at,
                        k.status, k.duration_seconds)
                       IS DISTINCT FROM (e.ended_at, e.disconnect_reason, e.hangup_cause, e.hangup_source, e.sip_code,
                                         e.finished_at, %1$s, %2$s)
                RETURNING k.lead_id::text AS lead"""
                .formatted(status(), duration("k.started_at", "k.answered_at", "e.ended_at"), ENDING_COLUMNS,
                        endingOf("c")))
                .bind("failures", FAILURES).bind("rooms", rooms.toArray(String[]::new))
                .map(row -> Optional.ofNullable(row.get("lead", String.class))).all()
                .filter(Optional::isPresent).map(Optional::get).collectList();
    }

    /**
     * A lead per (campaign, caller), created by its first call. Attempts (distinct calls) change by the calls
     * this batch added to or moved away from the lead; first and latest call (time, tenant, status) are read
     * by one index probe each, never by recounting the lead's whole history. A lead left without calls goes.
     */
    private Mono<List<LeadContext>> leads(LeadChanges changes) {
        return db.sql("""
                WITH changes AS (
                       SELECT lead_id, sum(delta)::int AS delta FROM (
                              SELECT unnest(:gained::uuid[]) AS lead_id, 1 AS delta
                              UNION ALL SELECT unnest(:lost::uuid[]), -1
                              UNION ALL SELECT unnest(:touched::uuid[]), 0) d
                        GROUP BY lead_id),
                     emptied AS (
                       DELETE FROM leads l USING changes c
                        WHERE l.id = c.lead_id AND c.delta < 0
                          AND NOT EXISTS (SELECT 1 FROM call_logs k WHERE k.lead_id = c.lead_id))
                INSERT INTO leads AS l (id, campaign_id, phone_number, tenant_id, name, status, attempts,
                       first_call_at, last_call_at, source, last_call_status)
                SELECT c.lead_id, f.campaign_id, f.person, f.tenant_id,
                       CASE WHEN f.outbound THEN 'Called ' ELSE 'Inbound Caller ' END || f.person,
                       CASE WHEN z.status IN ('ringing', 'in_progress') THEN 'calling' ELSE 'completed' END,
                       c.delta, f.started_at, z.started_at,
                       CASE WHEN f.outbound THEN 'outbound_call' ELSE 'inbound_call' END, z.status
                  FROM changes c
                 CROSS JOIN LATERAL (SELECT started_at, tenant_id, campaign_id, direction = 'outbound' AS outbound,
                                            CASE WHEN direction = 'outbound' THEN to_number ELSE from_number END AS person
                                       FROM call_logs k
                                      WHERE k.lead_id = c.lead_id ORDER BY started_at, call_id LIMIT 1) f
                 CROSS JOIN LATERAL (SELECT started_at, status FROM call_logs k
                                      WHERE k.lead_id = c.lead_id ORDER BY started_at DESC, call_id DESC LIMIT 1) z
                ON CONFLICT (id) DO UPDATE SET attempts = l.attempts + EXCLUDED.attempts,
                       first_call_at = EXCLUDED.first_call_at, last_call_at = EXCLUDED.last_call_at,
                       tenant_id = EXCLUDED.tenant_id, status = EXCLUDED.status,
                       last_call_status = EXCLUDED.last_call_status, updated_at = now()
                 WHERE EXCLUDED.attempts <> 0 OR (l.first_call_at, l.last_call_at, l.tenant_id, l.status, l.last_call_status)
                       IS DISTINCT FROM (EXCLUDED.first_call_at, EXCLUDED.last_call_at, EXCLUDED.tenant_id,
                                         EXCLUDED.status, EXCLUDED.last_call_status)
                RETURNING l.*""")
                .bind("gained", changes.gained()).bind("lost", changes.lost()).bind("touched", changes.touched())
                .map(LeadContexts::of).all().collectList();
    }

    /** The earliest report of a call wins its columns, whichever arrives first. */
    private Mono<List<LeadChanges.Written>> callsStarted(Collection<CallFacts.Start> starts) {
        if (starts.isEmpty()) {
            return Mono.just(List.of());
        }
        String keepEarliest = STARTED_COLUMNS.stream().map(c -> c + " = CASE WHEN EXCLUDED.started_at < call_logs.started_at"
                + " THEN EXCLUDED." + c + " ELSE call_logs." + c + " END").collect(Collectors.joining(",\n  "));
        // A call takes its ending (when known) in the same write, found from the earliest start reported (the one
        // the row keeps), so the order of reports does not matter; a repeat report keeps the earliest facts.
        String answered = "LEAST(call_logs.answered_at, EXCLUDED.answered_at)";
        String started = "LEAST(call_logs.started_at, EXCLUDED.started_at)";
        // "before" reads the rows as they were: every part of one statement shares its snapshot
        return db.sql("""
                WITH before AS (SELECT call_id, lead_id, started_at FROM call_logs WHERE call_id = ANY(:calls::text[])),
                     written AS (
                INSERT INTO call_logs (call_id, room_name, lead_id, tenant_id, campaign_id, phone_number_id, from_number,
                       to_number, trunk_id, agent_name, routing_rule, metadata, source, direction, started_at, answered_at,
                       ended_at, disconnect_reason, hangup_cause, hangup_source, sip_code, room_finished_at, status,
                       duration_seconds)
                SELECT k.*, e.ended_at, e.disconnect_reason, e.hangup_cause, e.hangup_source, e.sip_code, e.finished_at,
                       %s, %s
                  FROM (SELECT * FROM unnest(:calls::text[], :rooms::text[], :leads::uuid[], :tenants::text[], :campaigns::text[],
                       :numberIds::text[], :froms::text[], :tos::text[], :trunks::text[], :agents::text[], :rules::text[],
                       :metadata::text[], :sources::text[], :directions::text[], :started::timestamptz[],
                       :answered::timestamptz[])
                       AS k(call_id, room_name, lead_id, tenant_id, campaign_id, phone_number_id, from_number, to_number,
                            trunk_id, agent_name, routing_rule, metadata, source, direction, started_at, answered_at)) k
                  LEFT JOIN before s ON s.call_id = k.call_id
                  CROSS JOIN LATERAL (SELECT %s FROM (SELECT k.call_id, k.room_name, LEAST(k.started_at, s.started_at)
                         AS started_at) c %s) e
                ON CONFLICT (call_id) DO UPDATE SET
                """.formatted(status(), duration("k.started_at", "k.answered_at", "e.ended_at"), ENDING_COLUMNS,
                        endingOf("c"))
                + keepEarliest + """
                ,
                  started_at = %s, answered_at = %s,
                  ended_at = EXCLUDED.ended_at, disconnect_reason = EXCLUDED.disconnect_reason,
                  hangup_cause = EXCLUDED.hangup_cause, hangup_source = EXCLUDED.hangup_source,
                  sip_code = EXCLUDED.sip_code, room_finished_at = EXCLUDED.room_finished_at, status = %s,
                  duration_seconds = %s, updated_at = now()
                RETURNING call_id, lead_id)
                SELECT w.lead_id::text AS lead, b.lead_id::text AS previous FROM written w LEFT JOIN before b USING (call_id)"""
                .formatted(started, answered,
                        // once ended, the inserted row's status already is the ending's (it does not depend on
                        // the answer time, which is all this update merges)
                        status(answered, "EXCLUDED.ended_at", "EXCLUDED.room_finished_at", "EXCLUDED.disconnect_reason",
                                "EXCLUDED.status"),
                        duration(started, answered, "EXCLUDED.ended_at")))
                .bind("failures", FAILURES)
                .bind("calls", column(starts, s -> s.event().getCallId()))
                .bind("rooms", column(starts, s -> s.event().getRoomName()))
                .bind("leads", column(starts, s -> s.leadId().toString()))
                .bind("tenants", column(starts, s -> s.event().getTenantId()))
                .bind("campaigns", column(starts, s -> s.event().getCampaignId()))
                .bind("numberIds", column(starts, s -> s.event().getPhoneNumberId()))
                .bind("froms", column(starts, s -> s.event().getFromNumber()))
                .bind("tos", column(starts, s -> s.event().getToNumber()))
                .bind("trunks", column(starts, s -> s.event().getTrunkId()))
                .bind("agents", column(starts, s -> s.event().getAgentName()))
                .bind("rules", column(starts, s -> s.event().getRoutingRule()))
                .bind("metadata", column(starts, s -> s.event().getMetadata()))
                .bind("sources", column(starts, s -> s.event().getSource().name()))
                .bind("directions", column(starts, s -> Objects.requireNonNullElse(s.event().getDirection(), "inbound")))
                .bind("started", column(starts, s -> time(s.event().getOccurredAt())))
                .bind("answered", column(starts, s -> time(s.answeredAt())))
                .map(row -> new LeadChanges.Written(row.get("lead", String.class), row.get("previous", String.class)))
                .all().collectList();
    }

    /** The ending columns {@link #endingOf} finds, as {@code e}. */
    private static final String ENDING_COLUMNS = "d.at AS ended_at, d.disconnect_reason, d.status AS ended_status,"
            + " d.hangup_cause, d.hangup_source, d.sip_code, f.at AS finished_at";

    /**
     * The ending of call {@code c} (call_id, room_name, started_at): its own departure (by call id), else the
     * earliest departure without a call id from its start on, and the earliest closing of its room from its start
     * on. The start less 2 s, since LiveKit's event times are whole seconds. Each a probe of the primary key.
     */
    private static String endingOf(String c) {
        return """
                LEFT JOIN LATERAL (SELECT x.at, x.disconnect_reason, x.status, x.hangup_cause, x.hangup_source, x.sip_code
                                     FROM room_endings x
                                    WHERE x.room_name = %1$s.room_name AND x.kind = 'ended'
                                      AND (x.call_id = %1$s.call_id
                                           OR (x.call_id = '' AND x.at >= %1$s.started_at - interval '2 seconds'))
                                    ORDER BY x.call_id = %1$s.call_id DESC, x.at LIMIT 1) d ON true
                LEFT JOIN LATERAL (SELECT x.at FROM room_endings x
                                    WHERE x.room_name = %1$s.room_name AND x.kind = 'finished' AND x.call_id = ''
                                      AND x.at >= %1$s.started_at - interval '2 seconds'
                                    ORDER BY x.at LIMIT 1) f ON true""".formatted(c);
    }

    /**
     * A call's status from its answer time and its room's ending (all null while unknown): once ended, the edge's
     * classification of the ending (busy, no_answer, ...), else (events from before it had one) failed or completed by
     * the disconnect reason. The facts it reads only accumulate, so the status only moves forward.
     */
    private static String status(String answeredAt, String endedAt, String finishedAt, String disconnectReason,
                                 String endedStatus) {
        return """
                CASE WHEN %1$s IS NOT NULL OR %2$s IS NOT NULL THEN
                       COALESCE(%5$s, CASE WHEN %3$s = ANY(:failures) THEN 'failed' ELSE 'completed' END)
                     WHEN %4$s IS NOT NULL THEN 'in_progress' ELSE 'ringing' END"""
                .formatted(endedAt, finishedAt, disconnectReason, answeredAt, endedStatus);
    }

    /** The status of call {@code k} in room ending {@code e}. */
    private static String status() {
        return status("k.answered_at", "e.ended_at", "e.finished_at", "e.disconnect_reason", "e.ended_status");
    }

    /** Seconds from answer (else start) to the caller's departure: never the room's lifetime. */
    private static String duration(String startedAt, String answeredAt, String endedAt) {
        return """
                CASE WHEN %3$s IS NOT NULL AND COALESCE(%2$s, %1$s) IS NOT NULL
                     THEN GREATEST(0, round(extract(epoch FROM %3$s - COALESCE(%2$s, %1$s))))::int END"""
                .formatted(startedAt, answeredAt, endedAt);
    }

    private static <T> String[] column(Collection<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static String time(Instant instant) {
        return Objects.toString(instant, null);
    }
}
