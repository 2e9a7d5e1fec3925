package io.switchboard.routing.campaign;

import io.switchboard.platform.access.Credential;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import io.switchboard.routing.publication.RoutingChanges;
import io.switchboard.routing.support.DatabaseErrors;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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
    private final CampaignStore store;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    CampaignController(CampaignStore store, TransactionalOperator tx, RoutingChanges changes) {
        this.store = store;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Campaign> create(@RequestBody CampaignRequest body) {
        return store.insert(body.validated()).onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<Campaign> get(Credential caller, @PathVariable String id) {
        return store.byId(Fields.uuid("id", id))
                .filter(campaign -> caller.sees(campaign.tenantId().toString()))
                .switchIfEmpty(ApiException.whenMissing("campaign", id));
    }

    @GetMapping
    Mono<Page<Campaign>> list(Credential caller, @RequestParam(name = "tenant_id", required = false) String tenantId,
                              @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String scoped = caller.tenantFilter(tenantId);
        return store.page(scoped == null ? null : Fields.uuid("tenant_id", scoped), PageRequest.of(page, size));
    }

    @PutMapping("/{id}")
    Mono<Campaign> update(@PathVariable String id, @RequestBody CampaignRequest body) {
        UUID campaignId = Fields.uuid("id", id);
        CampaignRequest.Valid r = body.validated();
        Mono<Campaign> change = store.update(campaignId, r)
                .switchIfEmpty(ApiException.whenMissing("campaign", id))
                .flatMap(campaign -> changes.numbersOfCampaign(campaignId).thenReturn(campaign));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        UUID campaignId = Fields.uuid("id", id);
        Mono<Void> change = changes.numbersOfCampaign(campaignId) // before the FK clears their campaign_id
                .then(store.delete(campaignId))
                .flatMap(n -> ApiException.deletedOrMissing(n, "campaign", id));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }
}
