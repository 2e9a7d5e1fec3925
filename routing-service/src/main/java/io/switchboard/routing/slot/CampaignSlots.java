package io.switchboard.routing.slot;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A campaign's max_concurrent as a hard limit shared by every instance: taking a slot locks the campaign's row first,
 * and counts in a later statement of the same transaction, so that the count sees every slot committed before the
 * lock was granted (one statement would count from a snapshot taken before it waited). A slot of a call already
 * holding one is renewed, so a retried request takes nothing more.
 */
@Component
class CampaignSlots {
    /** The outcome of a request for a slot; {@code until} is null when none was free (or there is no campaign). */
    record Taken(boolean campaignFound, Integer maxConcurrent, long held, Instant until) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    CampaignSlots(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    Mono<Taken> take(UUID campaign, String callId, Duration hold) {
        Mono<Taken> take = db.sql("SELECT max_concurrent FROM campaigns WHERE id = :id FOR UPDATE").bind("id", campaign)
                .map(row -> java.util.Optional.ofNullable(row.get("max_concurrent", Integer.class))).one()
                .flatMap(max -> held(campaign, callId).flatMap(held -> max.isPresent() && held >= max.get()
                        ? Mono.just(new Taken(true, max.get(), held, null))
                        : insert(campaign, callId, hold).map(until -> new Taken(true, max.orElse(null), held + 1, until))))
                .defaultIfEmpty(new Taken(false, null, 0, null));
        return tx.transactional(take);
    }

    /** Frees the call's slot; true if it held one. */
    Mono<Boolean> release(UUID campaign, String callId) {
        return db.sql("DELETE FROM campaign_slots WHERE call_id = :call AND campaign_id = :campaign")
                .bind("call", callId).bind("campaign", campaign).fetch().rowsUpdated().map(n -> n > 0);
    }

    private Mono<Long> held(UUID campaign, String exceptCall) {
        return db.sql("SELECT count(*) AS n FROM campaign_slots WHERE campaign_id = :id AND until > now() AND call_id <> :call")
                .bind("id", campaign).bind("call", exceptCall).map(row -> row.get("n", Long.class)).one();
    }

    private Mono<Instant> insert(UUID campaign, String callId, Duration hold) {
        return db.sql("""
                INSERT INTO campaign_slots (call_id, campaign_id, until)
                VALUES (:call, :campaign, now() + make_interval(secs => :secs))
                ON CONFLICT (call_id) DO UPDATE SET until = EXCLUDED.until
                RETURNING until""")
                .bind("call", callId).bind("campaign", campaign).bind("secs", (double) hold.toSeconds())
                .map(row -> row.get("until", java.time.OffsetDateTime.class).toInstant()).one();
    }
}
