package io.switchboard.calllog.records;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
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
            "phone_number_id", "from_number", "to_number", "trunk_id", "agent_name", "routing_rule", "metadata");

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    CallRecordWriter(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    public Mono<Void> write(Collection<?> events) {
        CallFacts facts = CallFacts.of(events);
        Set<String> rooms = new LinkedHashSet<>(facts.roomEnds.keySet());
        facts.starts.values().forEach(s -> rooms.add(s.event().getRoomName()));
        if (rooms.isEmpty()) {
            return Mono.empty();
        }
        String[] roomArray = rooms.toArray(String[]::new);
        // The driver reuses prepared statements; a generic plan cannot see how many rooms the arrays hold.
        Mono<Long> customPlans = db.sql("SET LOCAL plan_cache_mode = force_custom_plan").fetch().rowsUpdated();
        return tx.transactional(customPlans.then(roomEndings(facts.roomEnds.values()))
                .then(leads(facts.starts.values()))
                .then(callsStarted(facts.starts.values()))
                .then(db.sql("""
                        UPDATE call_logs c SET ended_at = r.ended_at, disconnect_reason = r.disconnect_reason,
                               room_finished_at = r.finished_at, status = r.status, duration_seconds = r.duration,
                               updated_at = now()
                          FROM (SELECT k.room_name, e.ended_at, e.disconnect_reason, e.finished_at,
                                       CASE WHEN e.ended_at IS NOT NULL OR e.finished_at IS NOT NULL THEN
                                              CASE WHEN e.disconnect_reason = ANY(:failures) THEN 'failed' ELSE 'completed' END
                                            WHEN k.answered_at IS NOT NULL THEN 'in_progress' ELSE 'ringing' END AS status,
                                       CASE WHEN e.ended_at IS NOT NULL AND COALESCE(k.answered_at, k.started_at) IS NOT NULL
                                            THEN GREATEST(0, round(extract(epoch FROM
                                                 e.ended_at - COALESCE(k.answered_at, k.started_at))))::int END AS duration
                                  FROM call_logs k LEFT JOIN room_endings e ON e.room_name = k.room_name
                                 WHERE k.room_name = ANY(:rooms)) r
                         WHERE c.room_name = r.room_name
                           AND (c.ended_at, c.disconnect_reason, c.room_finished_at, c.status, c.duration_seconds)
                               IS DISTINCT FROM (r.ended_at, r.disconnect_reason, r.finished_at, r.status, r.duration)""")
                        .bind("failures", FAILURES).bind("rooms", roomArray).fetch().rowsUpdated())
                .then(db.sql("""
                        UPDATE leads l SET attempts = s.n, first_call_at = s.first, last_call_at = s.last,
                               tenant_id = s.tenant, updated_at = now(),
                               status = CASE WHEN s.latest IN ('completed', 'failed') THEN 'completed' ELSE 'calling' END
                          FROM (SELECT ids.lead_id, agg.* -- per lead through its index: cost follows the batch
                                  FROM (SELECT DISTINCT lead_id FROM call_logs
                                         WHERE room_name = ANY(:rooms) AND lead_id IS NOT NULL) ids
                                 CROSS JOIN LATERAL (
                                       SELECT count(*) AS n, min(started_at) AS first, max(started_at) AS last,
                                              (array_agg(tenant_id ORDER BY started_at, call_id))[1] AS tenant,
                                              (array_agg(status ORDER BY started_at DESC, call_id DESC))[1] AS latest
                                         FROM call_logs c WHERE c.lead_id = ids.lead_id) agg) s
                         WHERE l.id = s.lead_id
                           AND (l.attempts, l.first_call_at, l.last_call_at, l.tenant_id, l.status) IS DISTINCT FROM
                               (s.n::int, s.first, s.last, s.tenant,
                                CASE WHEN s.latest IN ('completed', 'failed') THEN 'completed' ELSE 'calling' END)""")
                        .bind("rooms", roomArray).fetch().rowsUpdated())
                .then());
    }

    private Mono<Long> roomEndings(Collection<CallFacts.RoomEnd> ends) {
        if (ends.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                INSERT INTO room_endings (room_name, ended_at, disconnect_reason, finished_at)
                SELECT * FROM unnest(:rooms::text[], :ended::timestamptz[], :reasons::text[], :finished::timestamptz[])
                ON CONFLICT (room_name) DO UPDATE SET
                  disconnect_reason = CASE WHEN room_endings.ended_at IS NULL OR EXCLUDED.ended_at < room_endings.ended_at
                                           THEN COALESCE(EXCLUDED.disconnect_reason, room_endings.disconnect_reason)
                                           ELSE COALESCE(room_endings.disconnect_reason, EXCLUDED.disconnect_reason) END,
                  ended_at = LEAST(room_endings.ended_at, EXCLUDED.ended_at),
                  finished_at = LEAST(room_endings.finished_at, EXCLUDED.finished_at)""")
                .bind("rooms", column(ends, CallFacts.RoomEnd::room))
                .bind("ended", column(ends, e -> time(e.endedAt())))
                .bind("reasons", column(ends, CallFacts.RoomEnd::disconnectReason))
                .bind("finished", column(ends, e -> time(e.finishedAt())))
                .fetch().rowsUpdated();
    }

    /** A lead per (campaign, caller), created by its first call; its figures are computed afterwards. */
    private Mono<Long> leads(Collection<CallFacts.Start> starts) {
        List<CallFacts.Start> distinct = starts.stream()
                .collect(Collectors.toMap(CallFacts.Start::leadId, s -> s, (a, b) -> a)).values().stream().toList();
        if (distinct.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                INSERT INTO leads (id, campaign_id, phone_number, name, status, source)
                SELECT id, campaign, phone, 'Inbound Caller ' || phone, 'calling', 'inbound_call'
                  FROM unnest(:ids::uuid[], :campaigns::text[], :phones::text[]) AS u(id, campaign, phone)
                ON CONFLICT DO NOTHING""")
                .bind("ids", column(distinct, s -> s.leadId().toString()))
                .bind("campaigns", column(distinct, s -> s.event().getCampaignId()))
                .bind("phones", column(distinct, s -> s.event().getFromNumber()))
                .fetch().rowsUpdated();
    }

    /** The earliest report of a call wins its columns, whichever arrives first. */
    private Mono<Long> callsStarted(Collection<CallFacts.Start> starts) {
        if (starts.isEmpty()) {
            return Mono.just(0L);
        }
        String keepEarliest = STARTED_COLUMNS.stream().map(c -> c + " = CASE WHEN EXCLUDED.started_at < call_logs.started_at"
                + " THEN EXCLUDED." + c + " ELSE call_logs." + c + " END").collect(Collectors.joining(",\n  "));
        return db.sql("""
                INSERT INTO call_logs (call_id, room_name, lead_id, tenant_id, campaign_id, phone_number_id, from_number,
                       to_number, trunk_id, agent_name, routing_rule, metadata, started_at, answered_at, status)
                SELECT u.*, 'ringing' FROM unnest(:calls::text[], :rooms::text[], :leads::uuid[], :tenants::text[],
                       :campaigns::text[], :numberIds::text[], :froms::text[], :tos::text[], :trunks::text[], :agents::text[],
                       :rules::text[], :metadata::text[], :started::timestamptz[], :answered::timestamptz[]) AS u
                ON CONFLICT (call_id) DO UPDATE SET
                """ + keepEarliest + """
                ,
                  started_at = LEAST(call_logs.started_at, EXCLUDED.started_at),
                  answered_at = LEAST(call_logs.answered_at, EXCLUDED.answered_at)""")
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
                .bind("started", column(starts, s -> time(s.event().getOccurredAt())))
                .bind("answered", column(starts, s -> time(s.answeredAt())))
                .fetch().rowsUpdated();
    }

    private static <T> String[] column(Collection<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static String time(Instant instant) {
        return Objects.toString(instant, null);
    }
}
