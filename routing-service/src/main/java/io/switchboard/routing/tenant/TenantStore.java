package io.switchboard.routing.tenant;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The tenants table; {@link #existing} is for the features whose rows name a tenant. */
@Component
public class TenantStore {
    private static final String COLUMNS = "id, name, default_agent, active, created_at, updated_at";

    private final DatabaseClient db;

    TenantStore(DatabaseClient db) {
        this.db = db;
    }

    /** Which of these tenant ids exist. */
    public Mono<Set<UUID>> existing(Collection<UUID> ids) {
        return db.sql("SELECT id FROM tenants WHERE id = ANY(:ids::uuid[])")
                .bind("ids", ids.stream().map(UUID::toString).distinct().toArray(String[]::new))
                .map(row -> row.get("id", UUID.class)).all().collect(HashSet::new, Set::add);
    }

    Mono<Tenant> insert(TenantRequest r) {
        return Sql.bind(db.sql("INSERT INTO tenants (id, name, default_agent, active)"
                        + " VALUES (:id, :name, :agent, :active) RETURNING " + COLUMNS), "agent", r.defaultAgent(), String.class)
                .bind("id", UUID.randomUUID()).bind("name", r.name()).bind("active", r.active())
                .map(TenantStore::tenant).one();
    }

    Mono<Tenant> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id").bind("id", id).map(TenantStore::tenant).one();
    }

    /** A page of all tenants, or only of {@code only} when it is not null. */
    Mono<Page<Tenant>> page(UUID only, PageRequest p) {
        return Pages.fetch(Sql.bind(db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM tenants"
                + " WHERE (CAST(:only AS uuid) IS NULL OR id = :only) ORDER BY name LIMIT :size OFFSET :offset"),
                "only", only, UUID.class), p, TenantStore::tenant);
    }

    /** The tenant as updated; empty when there is none with that id. */
    Mono<Tenant> update(UUID id, TenantRequest r) {
        return Sql.bind(db.sql("UPDATE tenants SET name = :name, default_agent = :agent,"
                        + " active = :active, updated_at = now() WHERE id = :id RETURNING " + COLUMNS),
                        "agent", r.defaultAgent(), String.class)
                .bind("id", id).bind("name", r.name()).bind("active", r.active())
                .map(TenantStore::tenant).one();
    }

    /**
     * Deletes a tenant, and with it its revoked API keys whose revocation is on {@code access.api-keys} (a revocation
     * not yet published keeps its row, and the tenant, until it is: deleting the row would lose the tombstone). A
     * live key, campaign or number makes the foreign keys refuse it. Rows deleted: 0 or 1.
     */
    Mono<Long> delete(UUID id) {
        // the foreign keys are checked at the end of the statement, after its first part removed the revoked keys
        return db.sql("""
                        WITH revoked AS (DELETE FROM api_keys WHERE tenant_id = :id AND revoked_at IS NOT NULL
                                                                AND NOT publish_pending)
                        DELETE FROM tenants WHERE id = :id""")
                .bind("id", id).fetch().rowsUpdated();
    }

    private static Tenant tenant(Readable row) {
        return new Tenant(row.get("id", UUID.class), row.get("name", String.class),
                row.get("default_agent", String.class), Sql.flag(row, "active"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
