package io.switchboard.routing.apikey;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.access.ApiKeys;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import io.switchboard.routing.support.DatabaseErrors;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API keys: made (the key itself is in the answer, once) and revoked by an admin for all tenants (the admin
 * token makes the first); listed by any key, each seeing its own tenant's. Every service accepts a new key and
 * refuses a revoked one once {@link ApiKeyPublisher} has published it (well under a second).
 */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {
    private static final String COLUMNS = "id, name, tenant_id, role, created_at, revoked_at";

    record Key(UUID id, String name, UUID tenantId, String role, Instant createdAt, Instant revokedAt, String key) {
    }

    private final DatabaseClient db;
    private final ApiKeyPublisher publisher;

    ApiKeyController(DatabaseClient db, ApiKeyPublisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Key> create(@RequestBody ApiKeyRequest body) {
        ApiKeyRequest.Valid r = body.validated();
        ApiKeys.Issued issued = ApiKeys.issue();
        return Sql.bind(db.sql("INSERT INTO api_keys (id, name, tenant_id, role, secret_sha256)"
                        + " VALUES (:id, :name, :tenant, :role, :hash) RETURNING " + COLUMNS), "tenant", r.tenantId(), UUID.class)
                .bind("id", issued.id()).bind("name", r.name()).bind("role", r.role())
                .bind("hash", issued.secretSha256())
                .map(row -> key(row, issued.token())).one()
                .onErrorMap(DatabaseErrors::translate)
                .doOnSuccess(created -> publisher.wake());
    }

    @GetMapping("/{id}")
    Mono<Key> get(Credential caller, @PathVariable String id) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id").bind("id", Fields.uuid("id", id))
                .map(row -> key(row, null)).one()
                .filter(k -> caller.sees(k.tenantId() == null ? null : k.tenantId().toString()))
                .switchIfEmpty(ApiException.whenMissing("API key", id));
    }

    @GetMapping
    Mono<Page<Key>> list(Credential caller, @RequestParam(name = "tenant_id", required = false) String tenantId,
                         @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String scoped = caller.tenantFilter(tenantId);
        return Pages.fetch(Sql.bind(db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM api_keys"
                        + " WHERE (CAST(:tenant AS uuid) IS NULL OR tenant_id = :tenant)"
                        + " ORDER BY created_at DESC, id LIMIT :size OFFSET :offset"), "tenant",
                        scoped == null ? null : Fields.uuid("tenant_id", scoped), UUID.class),
                PageRequest.of(page, size), row -> key(row, null));
    }

    /** Revokes the key (idempotent): every service refuses it once the revocation is published. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable String id) {
        return db.sql("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()), publish_pending = true"
                        + " WHERE id = :id").bind("id", Fields.uuid("id", id)).fetch().rowsUpdated()
                .flatMap(n -> ApiException.deletedOrMissing(n, "API key", id))
                .doOnSuccess(done -> publisher.wake());
    }

    private static Key key(Readable row, String token) {
        return new Key(row.get("id", UUID.class), row.get("name", String.class), row.get("tenant_id", UUID.class),
                row.get("role", String.class), Sql.instant(row, "created_at"), Sql.instant(row, "revoked_at"), token);
    }
}
