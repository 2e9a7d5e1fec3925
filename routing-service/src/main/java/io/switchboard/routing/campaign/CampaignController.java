package io.switchboard.routing.campaign;

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
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
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
 * Campaigns of a tenant. A change (a new agent, a pause) re-publishes every number of the campaign;
 * deleting one leaves its numbers with their tenant's default routing.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {
    private static final String COLUMNS = "id, tenant_id, name, agent_name, status, max_concurrent, created_at, updated_at";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    CampaignController(DatabaseClient db, TransactionalOperator tx, RoutingChanges changes) {
        this.db = db;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Campaign> create(@RequestBody CampaignRequest body) {
        CampaignRequest.Valid r = body.validated();
        return bindFields(db.sql("INSERT INTO campaigns (id, tenant_id, name, agent_name, status, max_concurrent)"
                + " VALUES (:id, :tenant, :name, :agent, :status, :max) RETURNING " + COLUMNS), r)
                .bind("id", UUID.randomUUID())
                .map(CampaignController::campaign).one()
                .onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<Campaign> get(Credential caller, @PathVariable String id) {
        return db.sql("SELECT " + COLUMNS + " FROM campaigns WHERE id = :id").bind("id", Fields.uuid("id", id))
                .map(CampaignController::campaign).one()
                .filter(campaign -> caller.sees(campaign.tenantId().toString()))
                .switchIfEmpty(ApiException.whenMissing("campaign", id));
    }

    @GetMapping
    Mono<Page<Campaign>> list(Credential caller, @RequestParam(name = "tenant_id", required = false) String tenantId,
                              @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String scoped = caller.tenantFilter(tenantId);
        UUID tenant = scoped == null ? null : Fields.uuid("tenant_id", scoped);
        return Pages.fetch(Sql.bind(db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM campaigns"
                        + " WHERE (CAST(:tenant AS uuid) IS NULL OR tenant_id = :tenant)"
                        + " ORDER BY created_at DESC, id LIMIT :size OFFSET :offset"), "tenant", tenant, UUID.class),
                PageRequest.of(page, size), CampaignController::campaign);
    }

    @PutMapping("/{id}")
    Mono<Campaign> update(@PathVariable String id, @RequestBody CampaignRequest body) {
        UUID campaignId = Fields.uuid("id", id);
        CampaignRequest.Valid r = body.validated();
        Mono<Campaign> change = bindFields(db.sql("UPDATE campaigns SET tenant_id = :tenant, name = :name,"
                + " agent_name = :agent, status = :status, max_concurrent = :max, updated_at = now()"
                + " WHERE id = :id RETURNING " + COLUMNS), r)
                .bind("id", campaignId)
                .map(CampaignController::campaign).one()
                .switchIfEmpty(ApiException.whenMissing("campaign", id))
                .flatMap(campaign -> changes.numbersOfCampaign(campaignId).thenReturn(campaign));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        UUID campaignId = Fields.uuid("id", id);
        Mono<Void> change = changes.numbersOfCampaign(campaignId) // before the FK clears their campaign_id
                .then(db.sql("DELETE FROM campaigns WHERE id = :id").bind("id", campaignId).fetch().rowsUpdated())
                .flatMap(n -> ApiException.deletedOrMissing(n, "campaign", id));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    private static GenericExecuteSpec bindFields(GenericExecuteSpec spec, CampaignRequest.Valid r) {
        spec = Sql.bind(spec, "agent", r.agentName(), String.class);
        spec = Sql.bind(spec, "max", r.maxConcurrent(), Integer.class);
        return spec.bind("tenant", r.tenantId()).bind("name", r.name()).bind("status", r.status());
    }

    private static Campaign campaign(Readable row) {
        return new Campaign(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
                row.get("agent_name", String.class), row.get("status", String.class),
                row.get("max_concurrent", Integer.class), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
