package io.switchboard.routing.trunk;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The sip_trunks table. */
@Component
class SipTrunkStore {
    private static final String COLUMNS = "id, tenant_id, name, provider, livekit_trunk_id, active, created_at, updated_at";

    private final DatabaseClient db;

    SipTrunkStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<SipTrunk> insert(SipTrunkRequest.Valid r) {
        return bind(db.sql("INSERT INTO sip_trunks (id, tenant_id, name, provider, livekit_trunk_id, active)"
                + " VALUES (:id, :tenant, :name, :provider, :trunk, :active) RETURNING " + COLUMNS), r)
                .bind("id", UUID.randomUUID()).map(SipTrunkStore::trunk).one();
    }

    Mono<SipTrunk> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM sip_trunks WHERE id = :id").bind("id", id).map(SipTrunkStore::trunk).one();
    }

    /** A page of every tenant's trunks, or only of {@code tenant}'s when it is not null. */
    Mono<Page<SipTrunk>> page(UUID tenant, PageRequest p) {
        return Pages.fetch(Sql.bind(db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM sip_trunks"
                        + " WHERE (CAST(:tenant AS uuid) IS NULL OR tenant_id = :tenant)"
                        + " ORDER BY created_at DESC, id LIMIT :size OFFSET :offset"), "tenant", tenant, UUID.class),
                p, SipTrunkStore::trunk);
    }

    /** The trunk as updated; empty when there is none with that id. */
    Mono<SipTrunk> update(UUID id, SipTrunkRequest.Valid r) {
        return bind(db.sql("UPDATE sip_trunks SET tenant_id = :tenant, name = :name, provider = :provider,"
                + " livekit_trunk_id = :trunk, active = :active, updated_at = now() WHERE id = :id RETURNING " + COLUMNS), r)
                .bind("id", id).map(SipTrunkStore::trunk).one();
    }

    /** Rows deleted: 0 or 1; campaigns and numbers naming it lose their trunk (the foreign keys clear it). */
    Mono<Long> delete(UUID id) {
        return db.sql("DELETE FROM sip_trunks WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, SipTrunkRequest.Valid r) {
        return spec.bind("tenant", r.tenantId()).bind("name", r.name()).bind("provider", r.provider())
                .bind("trunk", r.livekitTrunkId()).bind("active", r.active());
    }

    private static SipTrunk trunk(Readable row) {
        return new SipTrunk(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
                row.get("provider", String.class), row.get("livekit_trunk_id", String.class), Sql.flag(row, "active"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
