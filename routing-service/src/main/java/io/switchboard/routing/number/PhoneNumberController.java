package io.switchboard.routing.number;

import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.web.ApiException;
import io.switchboard.routing.publication.RoutingChanges;
import io.switchboard.routing.support.DatabaseErrors;
import io.switchboard.platform.web.Fields;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
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

/** Phone numbers; every change re-publishes the number's entry, a delete or deactivation its tombstone. */
@RestController
@RequestMapping("/api/v1/phone-numbers")
class PhoneNumberController {
    private final PhoneNumberStore store;
    private final PhoneNumbers phoneNumbers;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    PhoneNumberController(PhoneNumberStore store, PhoneNumbers phoneNumbers, TransactionalOperator tx,
                          RoutingChanges changes) {
        this.store = store;
        this.phoneNumbers = phoneNumbers;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<PhoneNumber> create(@RequestBody PhoneNumberRequest body) {
        PhoneNumberRequest.Valid r = body.validated(phoneNumbers);
        Mono<PhoneNumber> change = store.insert(List.of(r)).collectList()
                .flatMap(inserted -> inserted.isEmpty()
                        ? Mono.error(ApiException.conflict("phone number " + r.e164() + " already exists"))
                        : changes.numbers(inserted).then(store.byE164(r.e164())));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<PhoneNumber> get(Credential caller, @PathVariable String id) {
        return store.byId(Fields.uuid("id", id)).filter(number -> caller.sees(number.tenantId().toString()))
                .switchIfEmpty(ApiException.whenMissing("phone number", id));
    }

    @GetMapping
    Mono<Page<PhoneNumber>> list(Credential caller, @RequestParam(name = "tenant_id", required = false) String tenantId,
                                 @RequestParam(name = "campaign_id", required = false) String campaignId,
                                 @RequestParam(required = false) Boolean active,
                                 @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String scoped = caller.tenantFilter(tenantId);
        return store.list(scoped == null ? null : Fields.uuid("tenant_id", scoped),
                campaignId == null ? null : Fields.uuid("campaign_id", campaignId), active, PageRequest.of(page, size));
    }

    @PutMapping("/{id}")
    Mono<PhoneNumber> update(@PathVariable String id, @RequestBody PhoneNumberRequest body) {
        UUID numberId = Fields.uuid("id", id);
        PhoneNumberRequest.Valid r = body.validated(phoneNumbers);
        Mono<PhoneNumber> change = store.update(numberId, r)
                .switchIfEmpty(ApiException.whenMissing("phone number", id))
                .flatMap(u -> changes.numbers(Stream.of(u.previousE164(), u.number().number()).distinct().toList())
                        .thenReturn(u.number()));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        Mono<Void> change = store.delete(Fields.uuid("id", id))
                .switchIfEmpty(ApiException.whenMissing("phone number", id))
                .flatMap(e164 -> changes.numbers(List.of(e164)));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }
}
