package io.switchboard.routing.trunk;

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
 * A tenant's outbound trunks (LiveKit's outbound SIP trunks, by id). A number's routing entry names the trunk its calls
 * out go through, so a change to a trunk (its LiveKit id, deactivation, deletion) re-publishes the numbers using it.
 */
@RestController
@RequestMapping("/api/v1/sip-trunks")
class SipTrunkController {
    private final SipTrunkStore store;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    SipTrunkController(SipTrunkStore store, TransactionalOperator tx, RoutingChanges changes) {
        this.store = store;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SipTrunk> create(@RequestBody SipTrunkRequest body) {
        return store.insert(body.validated()).onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<SipTrunk> get(Credential caller, @PathVariable String id) {
        return store.byId(Fields.uuid("id", id)).filter(trunk -> caller.sees(trunk.tenantId().toString()))
                .switchIfEmpty(ApiException.whenMissing("SIP trunk", id));
    }

    @GetMapping
    Mono<Page<SipTrunk>> list(Credential caller, @RequestParam(name = "tenant_id", required = false) String tenantId,
                              @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String scoped = caller.tenantFilter(tenantId);
        return store.page(scoped == null ? null : Fields.uuid("tenant_id", scoped), PageRequest.of(page, size));
    }

    @PutMapping("/{id}")
    Mono<SipTrunk> update(@PathVariable String id, @RequestBody SipTrunkRequest body) {
        UUID trunkId = Fields.uuid("id", id);
        SipTrunkRequest.Valid r = body.validated();
        Mono<SipTrunk> change = store.update(trunkId, r).switchIfEmpty(ApiException.whenMissing("SIP trunk", id))
                .flatMap(trunk -> changes.numbersUsingTrunk(trunkId).thenReturn(trunk));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        UUID trunkId = Fields.uuid("id", id);
        Mono<Void> change = changes.numbersUsingTrunk(trunkId) // before the foreign keys clear the references
                .then(store.delete(trunkId))
                .flatMap(n -> ApiException.deletedOrMissing(n, "SIP trunk", id));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }
}
