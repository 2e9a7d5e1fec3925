package io.switchboard.ingress.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.ingress.IngressTest;
import io.switchboard.ingress.RoutingEntries;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A fresh loader is not ready until it has read the whole topic, then keeps following it. */
@IngressTest
class RoutingTableLoaderIntegrationTests {

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    WebTestClient client;

    @Test
    void readinessWaitsForTheTableToCatchUpWithTheTopic() throws Exception {
        String number = RoutingEntries.freshNumber();
        RoutingEntries.publish(kafka, RoutingEntries.entry(number, "early-agent", "campaign").build());
        RoutingTable table = new RoutingTable();
        RoutingTableLoader loader = new RoutingTableLoader(table, kafkaProperties.buildConsumerProperties(), events,
                new SimpleMeterRegistry());
        loader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(loader::isCaughtUp);
            assertThat(loader.health().getStatus()).isEqualTo(Status.UP);
            assertThat(table.lookup(number)).hasValueSatisfying(e -> assertThat(e.getAgentName()).isEqualTo("early-agent"));

            RoutingEntries.publish(kafka, RoutingEntries.entry(number, "later-agent", "campaign").build());
            // "within a second" is a latency figure for a benchmark; a test on a loaded machine only waits for it
            await().atMost(Duration.ofSeconds(15)).until(() -> table.lookup(number).map(e -> e.getAgentName())
                    .orElse("").equals("later-agent"));
        } finally {
            loader.stop();
        }
    }

    @Test
    void aStartedLoaderThatCannotReachKafkaIsNotReady() throws Exception {
        var config = new java.util.HashMap<>(kafkaProperties.buildConsumerProperties());
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        RoutingTableLoader loader = new RoutingTableLoader(new RoutingTable(), config, events, new SimpleMeterRegistry());
        loader.start();
        try {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> loader.health().getStatus().equals(Status.OUT_OF_SERVICE));
            assertThat(loader.isCaughtUp()).isFalse();
        } finally {
            loader.stop();
        }
    }

    @Test
    void anOlderEntryDoesNotReplaceANewerOne() throws Exception {
        String number = RoutingEntries.freshNumber();
        RoutingTable table = new RoutingTable();
        table.apply(number, RoutingEntries.entry(number, "newer", "campaign").setVersion(20).build());
        table.apply(number, RoutingEntries.entry(number, "older", "campaign").setVersion(10).build());
        assertThat(table.lookup(number)).hasValueSatisfying(e -> assertThat(e.getAgentName()).isEqualTo("newer"));
        table.apply(number, null);
        assertThat(table.lookup(number)).isEmpty();
    }

    @Test
    void theServiceReportsTheTableInItsReadiness() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        io.switchboard.platform.Credentials.admin(client).get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(m -> assertThat(m).contains("switchboard_ingress_routing_entries", "switchboard_ingress_routing_lag",
                        "switchboard_ingress_spool_depth", "switchboard_ingress_spool_age_seconds"));
    }
}
