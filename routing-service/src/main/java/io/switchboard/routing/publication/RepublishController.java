package io.switchboard.routing.publication;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Re-publishes every number's entry (a new cluster, a recovered topic); the relay sends them in batches. */
@RestController
class RepublishController {
    private static final Logger log = LoggerFactory.getLogger(RepublishController.class);

    private final RoutingChanges changes;
    private final TransactionalOperator tx;

    RepublishController(RoutingChanges changes, TransactionalOperator tx) {
        this.changes = changes;
        this.tx = tx;
    }

    @PostMapping("/api/v1/routing/republish")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Long>> republish() {
        return tx.transactional(changes.allNumbers())
                .doOnNext(count -> log.info("republish queued {} numbers", count))
                .map(count -> Map.of("queued", count));
    }
}
