package io.switchboard.routing.agent;

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

/** Agents, by the name LiveKit dispatches them under. Renaming or (de)activating one re-routes its numbers. */
@RestController
@RequestMapping("/api/v1/agents")
class AgentController {
    private static final String COLUMNS = "id, name, description, active, created_at, updated_at";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    AgentController(DatabaseClient db, TransactionalOperator tx, RoutingChanges changes) {
        this.db = db;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Agent> create(@RequestBody AgentRequest body) {
        AgentRequest r = body.validated();
        return Sql.bind(db.sql("INSERT INTO agents (id, name, description, active)"
                        + " VALUES (:id, :name, :description, :active) RETURNING " + COLUMNS),
                        "description", r.description(), String.class)
                .bind("id", UUID.randomUUID()).bind("name", r.name()).bind("active", r.active())
                .map(AgentController::agent).one()
                .onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<Agent> get(@PathVariable String id) {
        UUID agentId = Fields.uuid("id", id);
        return db.sql("SELECT " + COLUMNS + " FROM agents WHERE id = :id").bind("id", agentId)
                .map(AgentController::agent).one()
                .switchIfEmpty(ApiException.whenMissing("agent", id));
    }

    @GetMapping
    Mono<Page<Agent>> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest p = PageRequest.of(page, size);
        return Pages.fetch(db.sql("SELECT " + COLUMNS + Pages.TOTAL
                + " FROM agents ORDER BY name LIMIT :size OFFSET :offset"), p, AgentController::agent);
    }

    @PutMapping("/{id}")
    Mono<Agent> update(@PathVariable String id, @RequestBody AgentRequest body) {
        UUID agentId = Fields.uuid("id", id);
        AgentRequest r = body.validated();
        Mono<Agent> change = Sql.bind(db.sql("UPDATE agents SET name = :name, description = :description,"
                        + " active = :active, updated_at = now() WHERE id = :id RETURNING " + COLUMNS),
                        "description", r.description(), String.class)
                .bind("id", agentId).bind("name", r.name()).bind("active", r.active())
                .map(AgentController::agent).one()
                .switchIfEmpty(ApiException.whenMissing("agent", id))
                .flatMap(agent -> changes.numbersUsingAgent(agent.name()).thenReturn(agent));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    /** Refused (409) while a campaign or tenant names the agent. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        UUID agentId = Fields.uuid("id", id);
        return db.sql("DELETE FROM agents WHERE id = :id").bind("id", agentId).fetch().rowsUpdated()
                .flatMap(n -> ApiException.deletedOrMissing(n, "agent", id))
                .onErrorMap(DatabaseErrors::translate);
    }

    private static Agent agent(io.r2dbc.spi.Readable row) {
        return new Agent(row.get("id", UUID.class), row.get("name", String.class), row.get("description", String.class),
                Sql.flag(row, "active"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
