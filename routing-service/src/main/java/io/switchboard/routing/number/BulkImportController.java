package io.switchboard.routing.number;

import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import io.switchboard.routing.RoutingProperties;
import io.switchboard.routing.campaign.CampaignStore;
import io.switchboard.routing.publication.RoutingChanges;
import io.switchboard.routing.support.DatabaseErrors;
import io.switchboard.routing.tenant.TenantStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Imports many numbers in one request, all or nothing: if any row is invalid, refers to an unknown
 * tenant or campaign, or already exists, nothing is written and every failing row is reported by index.
 */
@RestController
class BulkImportController {
    private static final int CHUNK = 5_000;
    private static final int MAX_REPORTED = 1_000;

    record BulkRequest(List<PhoneNumberRequest> numbers) {
    }

    private final PhoneNumberStore store;
    private final PhoneNumbers phoneNumbers;
    private final TenantStore tenants;
    private final CampaignStore campaigns;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;
    private final int maxRows;

    BulkImportController(PhoneNumberStore store, PhoneNumbers phoneNumbers, TenantStore tenants, CampaignStore campaigns,
                         TransactionalOperator tx, RoutingChanges changes, RoutingProperties properties) {
        this.store = store;
        this.phoneNumbers = phoneNumbers;
        this.tenants = tenants;
        this.campaigns = campaigns;
        this.tx = tx;
        this.changes = changes;
        this.maxRows = properties.bulkMaxRows();
    }

    @PostMapping("/api/v1/phone-numbers:bulk")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Integer>> importNumbers(@RequestBody BulkRequest body) {
        if (body.numbers() == null || body.numbers().isEmpty()) {
            throw ApiException.missingField("numbers");
        }
        if (body.numbers().size() > maxRows) {
            throw ApiException.invalidField("numbers", "holds " + body.numbers().size() + " rows; at most " + maxRows);
        }
        List<PhoneNumberRequest.Valid> rows = validate(body.numbers());
        Mono<Map<String, Integer>> work = checkReferences(rows)
                .thenMany(Flux.fromIterable(chunks(rows)).concatMap(store::insert))
                .collect(HashSet<String>::new, Set::add)
                .flatMap(inserted -> inserted.size() == rows.size() ? changes.numbers(inserted)
                        : Mono.error(alreadyExisting(rows, inserted)))
                .thenReturn(Map.of("imported", rows.size()));
        return tx.transactional(work).onErrorMap(DatabaseErrors::translate);
    }

    private List<PhoneNumberRequest.Valid> validate(List<PhoneNumberRequest> requests) {
        List<PhoneNumberRequest.Valid> valid = new ArrayList<>(requests.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                if (requests.get(i) == null) {
                    throw ApiException.badRequest("missing_row", "the row is null");
                }
                PhoneNumberRequest.Valid row = requests.get(i).validated(phoneNumbers);
                Integer first = seen.putIfAbsent(row.e164(), i);
                if (first != null) {
                    throw ApiException.conflict("number " + row.e164() + " repeats row " + first);
                }
                valid.add(row);
            } catch (ApiException e) {
                errors.add(rowError(i, e));
            }
        }
        reject(HttpStatus.BAD_REQUEST, errors);
        return valid;
    }

    /** Unknown tenants or campaigns (of the row's tenant), reported per row; the FKs still guard the insert. */
    private Mono<Void> checkReferences(List<PhoneNumberRequest.Valid> rows) {
        Mono<Set<UUID>> tenants = this.tenants.existing(rows.stream().map(PhoneNumberRequest.Valid::tenantId).toList());
        Mono<Map<UUID, UUID>> campaigns = this.campaigns.tenantsOf(rows.stream().map(PhoneNumberRequest.Valid::campaignId)
                .filter(java.util.Objects::nonNull).toList());
        return Mono.zip(tenants, campaigns).flatMap(found -> {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                PhoneNumberRequest.Valid r = rows.get(i);
                if (!found.getT1().contains(r.tenantId())) {
                    errors.add(rowError(i, ApiException.unknownReference("tenant_id", r.tenantId())));
                } else if (r.campaignId() != null && !r.tenantId().equals(found.getT2().get(r.campaignId()))) {
                    errors.add(rowError(i, ApiException.unknownReference("campaign_id", r.campaignId())));
                }
            }
            reject(HttpStatus.UNPROCESSABLE_CONTENT, errors);
            return Mono.empty();
        });
    }

    private static ApiException alreadyExisting(List<PhoneNumberRequest.Valid> rows, Set<String> inserted) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!inserted.contains(rows.get(i).e164())) {
                errors.add(rowError(i, ApiException.conflict("number " + rows.get(i).e164() + " already exists")));
            }
        }
        return rejection(HttpStatus.CONFLICT, errors);
    }

    private static void reject(HttpStatus status, List<Map<String, Object>> errors) {
        if (!errors.isEmpty()) {
            throw rejection(status, errors);
        }
    }

    private static ApiException rejection(HttpStatus status, List<Map<String, Object>> errors) {
        return new ApiException(status, "bulk_rejected", errors.size() + " row(s) cannot be imported; nothing was"
                + " imported" + (errors.size() > MAX_REPORTED ? " (the first " + MAX_REPORTED + " are listed)" : ""),
                errors.subList(0, Math.min(errors.size(), MAX_REPORTED)));
    }

    private static Map<String, Object> rowError(int index, ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("index", index);
        error.put("error", e.code());
        error.put("message", e.getMessage());
        return error;
    }

    private static List<List<PhoneNumberRequest.Valid>> chunks(List<PhoneNumberRequest.Valid> rows) {
        List<List<PhoneNumberRequest.Valid>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += CHUNK) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + CHUNK)));
        }
        return chunks;
    }
}
