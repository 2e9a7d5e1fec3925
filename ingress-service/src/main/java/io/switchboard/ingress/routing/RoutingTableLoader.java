package io.switchboard.ingress.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.platform.kafka.CompactedTopicView;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fills the {@link RoutingTable} from routing.entries: every partition from the beginning (every replica
 * holds the whole table), then follows the topic, applying updates within one poll (100 ms). Ready once it
 * has read up to the end offsets it saw at start-up with every entry decoded; a broker or registry outage is
 * retried, and an entry that cannot be decoded keeps the number's last good entry and readiness down until it
 * can (see {@link CompactedTopicView}).
 */
@Component("routingCache")
class RoutingTableLoader implements SmartLifecycle, HealthIndicator {
    static final Duration RETRY = Duration.ofSeconds(1);

    private final RoutingTable table;
    private final CompactedTopicView view;

    /** Health indicator {@code routingCache}, part of readiness; it reads with the service's consumer settings. */
    @Autowired
    RoutingTableLoader(RoutingTable table, KafkaProperties kafka, ApplicationEventPublisher events, MeterRegistry meters) {
        this(table, kafka.buildConsumerProperties(), events, meters);
    }

    RoutingTableLoader(RoutingTable table, Map<String, Object> consumerConfig, ApplicationEventPublisher events,
                       MeterRegistry meters) {
        this.table = table;
        this.view = new CompactedTopicView(Topics.ROUTING_ENTRIES.name(), consumerConfig,
                (number, entry) -> table.apply(number, (RoutingEntry) entry), events, meters, RETRY);
        Gauge.builder("switchboard.ingress.routing.entries", table, RoutingTable::size).register(meters);
        Gauge.builder("switchboard.ingress.routing.lag", view, CompactedTopicView::lag).register(meters);
        Gauge.builder("switchboard.ingress.routing.last.update", table,
                t -> t.lastUpdate() == null ? 0 : t.lastUpdate().toEpochMilli() / 1000.0).baseUnit("seconds").register(meters);
    }

    @Override
    public Health health() {
        Health inner = view.health();
        return Health.status(inner.getStatus()).withDetails(inner.getDetails()).withDetail("entries", table.size()).build();
    }

    boolean isCaughtUp() {
        return view.isReady();
    }

    @Override
    public void start() {
        view.start();
    }

    @Override
    public void stop() {
        view.stop();
    }

    @Override
    public boolean isRunning() {
        return view.isRunning();
    }
}
