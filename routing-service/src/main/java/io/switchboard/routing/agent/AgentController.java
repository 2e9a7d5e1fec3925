package io.switchboard.routing.agent;

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

/** Agents, by the name LiveKit dispatches them under. Renaming or (de)activating one re-routes its numbers. */
@RestController
@RequestMapping("/api/v1/agents")
class AgentController {
    private final AgentStore store;
    private final TransactionalOperator tx;
    private final RoutingChanges changes;

    AgentController(AgentStore store, TransactionalOperator tx, RoutingChanges changes) {
        this.store = store;
        this.tx = tx;
        this.changes = changes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Agent> create(@RequestBody AgentRequest body) {
        return store.insert(body.validated()).onErrorMap(DatabaseErrors::translate);
    }

    @GetMapping("/{id}")
    Mono<Agent> get(@PathVariable String id) {
        return store.byId(Fields.uuid("id", id)).switchIfEmpty(ApiException.whenMissing("agent", id));
    }

    @GetMapping
    Mono<Page<Agent>> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return store.page(PageRequest.of(page, size));
    }

    @PutMapping("/{id}")
    Mono<Agent> update(@PathVariable String id, @RequestBody AgentRequest body) {
        UUID agentId = Fields.uuid("id", id);
        AgentRequest r = body.validated();
        Mono<Agent> change = store.update(agentId, r)
                .switchIfEmpty(ApiException.whenMissing("agent", id))
                .flatMap(agent -> changes.numbersUsingAgent(agent.name()).thenReturn(agent));
        return tx.transactional(change).onErrorMap(DatabaseErrors::translate);
    }

    /** Refused (409) while a campaign or tenant names the agent. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        return store.delete(Fields.uuid("id", id))
                .flatMap(n -> ApiException.deletedOrMissing(n, "agent", id))
                .onErrorMap(DatabaseErrors::translate);
    }
}
