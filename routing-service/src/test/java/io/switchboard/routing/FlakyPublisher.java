package io.switchboard.routing;

import io.switchboard.routing.publication.RoutingEntryPublisher;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/**
 * The real Kafka publisher, which a test can make fail: before sending anything, or after sending the
 * first half of a batch (a relay that dies between publishing and recording that it did).
 */
final class FlakyPublisher implements RoutingEntryPublisher {
    enum Mode { WORKING, FAILING, FAILING_HALF_WAY }

    private final RoutingEntryPublisher real;
    private volatile Mode mode = Mode.WORKING;

    FlakyPublisher(RoutingEntryPublisher real) {
        this.real = real;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Mono<Void> publish(List<Publication> publications) {
        return switch (mode) {
            case WORKING -> real.publish(publications);
            case FAILING -> Mono.error(new IllegalStateException("simulated: the broker is unreachable"));
            case FAILING_HALF_WAY -> real.publish(publications.subList(0, publications.size() / 2))
                    .then(Mono.error(new IllegalStateException("simulated: the relay died mid-batch")));
        };
    }

    @TestConfiguration
    static class Config {
        @Bean
        @Primary
        FlakyPublisher flakyPublisher(@Qualifier("kafkaRoutingEntryPublisher") RoutingEntryPublisher real) {
            return new FlakyPublisher(real);
        }
    }
}
