package io.switchboard.routing.publication;

import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Records, inside the caller's transaction, which numbers' routing a change affects (the outbox). The
 * rows commit or roll back with the change itself, so the topic hears of a change if and only if it
 * committed; the relay is woken once the transaction commits.
 */
@Component
public class RoutingChanges {
    private final DatabaseClient db;
    private final OutboxRelay relay;

    RoutingChanges(DatabaseClient db, OutboxRelay relay) {
        this.db = db;
        this.relay = relay;
    }

    public Mono<Void> numbers(Collection<String> e164s) {
        if (e164s.isEmpty()) {
            return Mono.empty();
        }
        return record(db.sql("INSERT INTO routing_outbox (e164) SELECT unnest(:numbers::text[])")
                .bind("numbers", e164s.toArray(String[]::new)));
    }

    public Mono<Void> numbersOfCampaign(UUID campaignId) {
        return record(db.sql("INSERT INTO routing_outbox (e164) SELECT e164 FROM phone_numbers WHERE campaign_id = :id")
                .bind("id", campaignId));
    }

    public Mono<Void> numbersOfTenant(UUID tenantId) {
        return record(db.sql("INSERT INTO routing_outbox (e164) SELECT e164 FROM phone_numbers WHERE tenant_id = :id")
                .bind("id", tenantId));
    }

    /** Numbers whose campaign names the agent, or whose tenant defaults to it. */
    public Mono<Void> numbersUsingAgent(String agentName) {
        return record(db.sql("""
                INSERT INTO routing_outbox (e164)
                SELECT p.e164 FROM phone_numbers p
                  JOIN tenants t ON t.id = p.tenant_id
                  LEFT JOIN campaigns c ON c.id = p.campaign_id
                 WHERE c.agent_name = :name OR t.default_agent = :name""").bind("name", agentName));
    }

    /** Numbers that name the trunk, or whose campaign does. */
    public Mono<Void> numbersUsingTrunk(UUID trunkId) {
        return record(db.sql("""
                INSERT INTO routing_outbox (e164)
                SELECT p.e164 FROM phone_numbers p LEFT JOIN campaigns c ON c.id = p.campaign_id
                 WHERE p.sip_trunk_id = :id OR c.sip_trunk_id = :id""").bind("id", trunkId));
    }

    /** Every number, for a full republication; returns how many were queued. */
    Mono<Long> allNumbers() {
        return db.sql("INSERT INTO routing_outbox (e164) SELECT e164 FROM phone_numbers").fetch().rowsUpdated()
                .flatMap(count -> wakeRelayAfterCommit().thenReturn(count));
    }

    private Mono<Void> record(DatabaseClient.GenericExecuteSpec insert) {
        return insert.fetch().rowsUpdated().then(wakeRelayAfterCommit());
    }

    private Mono<Void> wakeRelayAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(tx -> tx.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(relay::wake);
                    }
                }))
                .onErrorResume(e -> Mono.fromRunnable(relay::wake)) // no transaction: wake at once
                .then();
    }
}
