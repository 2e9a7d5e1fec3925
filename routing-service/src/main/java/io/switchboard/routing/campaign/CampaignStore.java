package io.switchboard.routing.campaign;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The campaigns table; {@link #tenantsOf} is for the features whose rows name a campaign. */
@Component
public class CampaignStore {
    private static final String COLUMNS = "id, tenant_id, name, agent_name, status, max_concurrent, sip_trunk_id, created_at, updated_at";

    private final DatabaseClient db;

    CampaignStore(DatabaseClient db) {
        this.db = db;
    }

    /** The tenant of each of these campaigns that exists. */
    public Mono<Map<UUID, UUID>> tenantsOf(Collection<UUID> campaignIds) {
        return db.sql("SELECT id, tenant_id FROM campaigns WHERE id = ANY(:ids::uuid[])")
                .bind("ids", campaignIds.stream().map(UUID::toString).distinct().toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("tenant_id", UUID.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Campaign> insert(CampaignRequest.Valid r) {
        return bindFields(db.sql("INSERT INTO campaigns (id, tenant_id, name, agent_name, status, max_concurrent, sip_trunk_id)"
                + " VALUES (:id, :tenant, :name, :agent, :status, :max, :trunk) RETURNING " + COLUMNS), r)
                .bind("id", UUID.randomUUID())
                .map(CampaignStore::campaign).one();
    }

    Mono<Campaign> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM campaigns WHERE id = :id").bind("id", id)
                .map(CampaignStore::campaign).one();
    }

    /** A page of every tenant's campaigns, or only of {@code tenant}'s when it is not null; newest first. */
    Mono<Page<Campaign>> page(UUID tenant, PageRequest p) {
        return Pages.fetch(Sql.bind(db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM campaigns"
                        + " WHERE (CAST(:tenant AS uuid) IS NULL OR tenant_id = :tenant)"
                        + " ORDER BY created_at DESC, id LIMIT :size OFFSET :offset"), "tenant", tenant, UUID.class),
                p, CampaignStore::campaign);
    }

    /** The campaign as updated; empty when there is none with that id. */
    Mono<Campaign> update(UUID id, CampaignRequest.Valid r) {
        return bindFields(db.sql("UPDATE campaigns SET tenant_id = :tenant, name = :name,"
                + " agent_name = :agent, status = :status, max_concurrent = :max, sip_trunk_id = :trunk, updated_at = now()"
                + " WHERE id = :id RETURNING " + COLUMNS), r)
                .bind("id", id)
                .map(CampaignStore::campaign).one();
    }

    /** Rows deleted: 0 or 1. Its numbers keep their tenant (the foreign key clears their campaign). */
    Mono<Long> delete(UUID id) {
        return db.sql("DELETE FROM campaigns WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    private static GenericExecuteSpec bindFields(GenericExecuteSpec spec, CampaignRequest.Valid r) {
        spec = Sql.bind(spec, "agent", r.agentName(), String.class);
        spec = Sql.bind(spec, "max", r.maxConcurrent(), Integer.class);
        spec = Sql.bind(spec, "trunk", r.sipTrunkId(), UUID.class);
        return spec.bind("tenant", r.tenantId()).bind("name", r.name()).bind("status", r.status());
    }

    private static Campaign campaign(Readable row) {
        return new Campaign(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
                row.get("agent_name", String.class), row.get("status", String.class),
                row.get("max_concurrent", Integer.class), row.get("sip_trunk_id", UUID.class), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
