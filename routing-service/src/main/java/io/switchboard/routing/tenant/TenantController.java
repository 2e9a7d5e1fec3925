package io.switchboard.routing.tenant;

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
 * Tenants own numbers and campaigns. Changing one re-publishes its numbers; deactivating one removes
 * its numbers from routing (tombstones); deleting one is refused while it owns anything.
 */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {
    private final TenantStore store;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    TenantController(TenantStore store, TransactionalOperator tx, RoutingChanges changes) {
        this.store = store;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Tenant> create(@RequestBody TenantRequest body) {
        return store.insert(body.validated()).onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<Tenant> get(Credential caller, @PathVariable String id) {
        return store.byId(Fields.uuid("id", id))
                .filter(tenant -> caller.sees(tenant.id().toString()))
                .switchIfEmpty(ApiException.whenMissing("tenant", id));
    }

    @GetMapping
    Mono<Page<Tenant>> list(Credential caller, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        UUID only = caller.allTenants() ? null : Fields.uuid("tenant_id", caller.tenantId());
        return store.page(only, PageRequest.of(page, size));
    }

    @PutMapping("/{id}")
    Mono<Tenant> update(@PathVariable String id, @RequestBody TenantRequest body) {
        UUID tenantId = Fields.uuid("id", id);
        TenantRequest r = body.validated();
        Mono<Tenant> change = store.update(tenantId, r)
                .switchIfEmpty(ApiException.whenMissing("tenant", id))
                .flatMap(tenant -> changes.numbersOfTenant(tenantId).thenReturn(tenant));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    /** Deletes a tenant that nothing uses any more (its revoked API keys go with it); else 409. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        return store.delete(Fields.uuid("id", id))
                .flatMap(n -> ApiException.deletedOrMissing(n, "tenant", id))
                .onErrorMap(DatabaseErrors::translate);
    }
}
