package io.switchboard.routing.publication;

import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes to routing.entries, keyed by E.164, with the idempotent acks=all producer. Sends run on a worker
 * thread, never the database driver's: a send may block (at most {@code max.block.ms}) to fetch metadata.
 */
@Component
class KafkaRoutingEntryPublisher implements RoutingEntryPublisher {
    private final KafkaTemplate<String, RoutingEntry> kafka;

    KafkaRoutingEntryPublisher(KafkaTemplate<String, RoutingEntry> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Mono<Void> publish(List<Publication> publications) {
        return Flux.fromIterable(publications)
                .flatMapSequential(p -> Mono.fromFuture(
                        () -> kafka.send(Topics.ROUTING_ENTRIES.name(), p.e164(), p.entry())), 1024)
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
