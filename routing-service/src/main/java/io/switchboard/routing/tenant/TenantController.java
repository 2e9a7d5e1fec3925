package io.switchboard.routing.tenant;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.web.ApiException;
import io.switchboard.routing.publication.RoutingChanges;
import io.switchboard.routing.support.DatabaseErrors;
import io.switchboard.platform.web.Fields;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Tenants own numbers and campaigns. Changing one re-publishes its numbers; deactivating one removes
 * its numbers from routing (tombstones); deleting one is refused while it owns anything.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {
    private static final String COLUMNS = "id, name, default_agent, active, created_at, updated_at";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    TenantController(DatabaseClient db, TransactionalOperator tx, RoutingChanges changes) {
        this.db = db;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Tenant> create(@RequestBody TenantRequest body) {
        TenantRequest r = body.validated();
        return Sql.bind(db.sql("INSERT INTO tenants (id, name, default_agent, active)"
                        + " VALUES (:id, :name, :agent, :active) RETURNING " + COLUMNS), "agent", r.defaultAgent(), String.class)
                .bind("id", UUID.randomUUID()).bind("name", r.name()).bind("active", r.active())
                .map(TenantController::tenant).one()
                .onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<Tenant> get(Credential caller, @PathVariable String id) {
        return db.sql("SELECT " + COLUMNS + " FROM tenants WHERE id = :id").bind("id", Fields.uuid("id", id))
                .map(TenantController::tenant).one()
                .filter(tenant -> caller.sees(tenant.id().toString()))
                .switchIfEmpty(ApiException.whenMissing("tenant", id));
    }

    @GetMapping
    Mono<Page<Tenant>> list(Credential caller, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        UUID only = caller.allTenants() ? null : Fields.uuid("tenant_id", caller.tenantId());
        return Pages.fetch(Sql.bind(db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM tenants"
                + " WHERE (CAST(:only AS uuid) IS NULL OR id = :only) ORDER BY name LIMIT :size OFFSET :offset"),
                "only", only, UUID.class), PageRequest.of(page, size), TenantController::tenant);
    }

    @PutMapping("/{id}")
    Mono<Tenant> update(@PathVariable String id, @RequestBody TenantRequest body) {
        UUID tenantId = Fields.uuid("id", id);
        TenantRequest r = body.validated();
        Mono<Tenant> change = Sql.bind(db.sql("UPDATE tenants SET name = :name, default_agent = :agent,"
                        + " active = :active, updated_at = now() WHERE id = :id RETURNING " + COLUMNS),
                        "agent", r.defaultAgent(), String.class)
                .bind("id", tenantId).bind("name", r.name()).bind("active", r.active())
                .map(TenantController::tenant).one()
                .switchIfEmpty(ApiException.whenMissing("tenant", id))
                .flatMap(tenant -> changes.numbersOfTenant(tenantId).thenReturn(tenant));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    /**
     * Deletes a tenant that nothing uses any more. Its revoked API keys go with it, once their revocation is on
     * {@code access.api-keys} (a revocation not yet published keeps its row, and the tenant, until it is: deleting
     * the row would lose the tombstone); a live key, campaign or number still refuses the delete (409).
     */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        // the foreign keys are checked at the end of the statement, after its first part removed the revoked keys
        return db.sql("""
                        WITH revoked AS (DELETE FROM api_keys WHERE tenant_id = :id AND revoked_at IS NOT NULL
                                                                AND NOT publish_pending)
                        DELETE FROM tenants WHERE id = :id""")
                .bind("id", Fields.uuid("id", id)).fetch().rowsUpdated()
                .flatMap(n -> ApiException.deletedOrMissing(n, "tenant", id))
                .onErrorMap(DatabaseErrors::translate);
    }

    private static Tenant tenant(Readable row) {
        return new Tenant(row.get("id", UUID.class), row.get("name", String.class),
                row.get("default_agent", String.class), Sql.flag(row, "active"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
