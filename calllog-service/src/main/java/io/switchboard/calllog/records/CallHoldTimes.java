package io.switchboard.calllog.records;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Holds and resumes, and the hold and talk time of every call a batch touched: the changes are stored (once per event
 * id), then each ended, answered call's hold time is summed from all its stored changes, so neither the order of the
 * changes nor whether they came before the call's start or end matters.
 */
@Component
class CallHoldTimes {
    private final DatabaseClient db;

    CallHoldTimes(DatabaseClient db) {
        this.db = db;
    }

    /** Inside the batch's transaction, after its starts and endings are written. */
    Mono<Void> write(CallFacts facts) {
        Set<String> calls = new HashSet<>(facts.starts.keySet());
        facts.holds.values().forEach(h -> calls.add(h.callId()));
        if (calls.isEmpty() && facts.endedRooms.isEmpty()) {
            return Mono.empty();
        }
        return store(facts.holds.values()).then(db.sql("""
                WITH calls AS (SELECT call_id, answered_at, ended_at, duration_seconds FROM call_logs
                                WHERE (call_id = ANY(:calls) OR room_name = ANY(:rooms))
                                  AND answered_at IS NOT NULL AND ended_at IS NOT NULL AND duration_seconds IS NOT NULL),
                     spans AS (SELECT h.call_id, h.on_hold, GREATEST(h.at, c.answered_at) AS from_at,
                                      LEAST(COALESCE(lead(h.at) OVER (PARTITION BY h.call_id ORDER BY h.at, h.event_id),
                                                     c.ended_at), c.ended_at) AS to_at
                                 FROM call_holds h JOIN calls c USING (call_id)),
                     held AS (SELECT c.call_id, LEAST(c.duration_seconds, COALESCE(round(sum(EXTRACT(EPOCH FROM s.to_at - s.from_at))
                                      FILTER (WHERE s.on_hold AND s.to_at > s.from_at)), 0)::int) AS seconds, c.duration_seconds
                                FROM calls c LEFT JOIN spans s USING (call_id) GROUP BY c.call_id, c.duration_seconds)
                UPDATE call_logs k SET hold_seconds = held.seconds, talk_seconds = held.duration_seconds - held.seconds
                  FROM held
                 WHERE k.call_id = held.call_id
                   AND (k.hold_seconds, k.talk_seconds) IS DISTINCT FROM (held.seconds, held.duration_seconds - held.seconds)""")
                .bind("calls", calls.toArray(String[]::new)).bind("rooms", facts.endedRooms.toArray(String[]::new))
                .fetch().rowsUpdated()).then();
    }

    private Mono<Long> store(Collection<CallFacts.Hold> holds) {
        if (holds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                INSERT INTO call_holds (event_id, call_id, at, on_hold)
                SELECT * FROM unnest(:ids::text[], :calls::text[], :at::timestamptz[], :holds::boolean[])
                ON CONFLICT (event_id) DO NOTHING""")
                .bind("ids", holds.stream().map(CallFacts.Hold::eventId).toArray(String[]::new))
                .bind("calls", holds.stream().map(CallFacts.Hold::callId).toArray(String[]::new))
                .bind("at", holds.stream().map(h -> h.at().toString()).toArray(String[]::new))
                .bind("holds", holds.stream().map(h -> Boolean.toString(h.onHold())).toArray(String[]::new))
                .fetch().rowsUpdated();
    }
}
