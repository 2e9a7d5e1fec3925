package io.switchboard.routing.agent;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The agents table. */
@Component
class AgentStore {
    private static final String COLUMNS = "id, name, description, active, created_at, updated_at";

    private final DatabaseClient db;

    AgentStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Agent> insert(AgentRequest r) {
        return Sql.bind(db.sql("INSERT INTO agents (id, name, description, active)"
                        + " VALUES (:id, :name, :description, :active) RETURNING " + COLUMNS),
                        "description", r.description(), String.class)
                .bind("id", UUID.randomUUID()).bind("name", r.name()).bind("active", r.active())
                .map(AgentStore::agent).one();
    }

    Mono<Agent> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM agents WHERE id = :id").bind("id", id).map(AgentStore::agent).one();
    }

    Mono<Page<Agent>> page(PageRequest p) {
        return Pages.fetch(db.sql("SELECT " + COLUMNS + Pages.TOTAL
                + " FROM agents ORDER BY name LIMIT :size OFFSET :offset"), p, AgentStore::agent);
    }

    /** The agent as updated; empty when there is none with that id. */
    Mono<Agent> update(UUID id, AgentRequest r) {
        return Sql.bind(db.sql("UPDATE agents SET name = :name, description = :description,"
                        + " active = :active, updated_at = now() WHERE id = :id RETURNING " + COLUMNS),
                        "description", r.description(), String.class)
                .bind("id", id).bind("name", r.name()).bind("active", r.active())
                .map(AgentStore::agent).one();
    }

    /** Rows deleted: 0 or 1. A campaign or tenant naming the agent makes the foreign key refuse it. */
    Mono<Long> delete(UUID id) {
        return db.sql("DELETE FROM agents WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    private static Agent agent(Readable row) {
        return new Agent(row.get("id", UUID.class), row.get("name", String.class), row.get("description", String.class),
                Sql.flag(row, "active"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
