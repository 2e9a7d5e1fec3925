package io.switchboard.stack.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import io.switchboard.stack.StackEndpoints;
import io.switchboard.stack.cli.LocalStack;
import io.switchboard.stack.testing.SharedStack;
import io.switchboard.stack.livekit.FakeLivekit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleDirect;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code livekit-sync --plan} lists what the sync would do for the routing table, against LiveKit, and changes nothing. */
class LivekitSyncPlanIntegrationTests {
    private final StackEndpoints stack = SharedStack.endpoints();

    @Test
    void thePlanNamesEachTrunkAndRuleToMakeAndLeavesLivekitAsItWas() throws Exception {
        String sales = "plan-sales-" + UUID.randomUUID().toString().substring(0, 6);
        String numberA = "+1617555" + String.format("%04d", (int) (Math.random() * 10_000));
        String numberB = "+1718555" + String.format("%04d", (int) (Math.random() * 10_000));
        publish(numberA, sales);
        publish(numberB, sales);
        try (FakeLivekit livekit = FakeLivekit.start(Map.of("devkey", "secret"))) {
            livekit.handMadeRule(SIPDispatchRuleInfo.newBuilder().setName("support line (by hand)").setRule(
                    SIPDispatchRule.newBuilder().setDispatchRuleDirect(SIPDispatchRuleDirect.newBuilder().setRoomName("s"))).build());
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = System.out;
            int exit;
            try {
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                exit = new CommandLine(new LocalStack()).execute("livekit-sync", "--plan",
                        "--bootstrap-servers", stack.kafkaBootstrapServers(), "--registry-url", stack.registryUrl(),
                        "--livekit-url", livekit.url(), "--api-key", "devkey", "--api-secret", "secret");
            } finally {
                System.setOut(out);
            }
            String plan = captured.toString(StandardCharsets.UTF_8);

            assertThat(exit).as(plan).isZero();
            assertThat(plan).contains("+ trunk switchboard/inbound/p", "+ rule switchboard/unknown → agent telephony-agent",
                    "left alone: 1 rule(s) and 0 trunk(s) not made by Switchboard");
            assertThat(plan.lines().filter(l -> l.startsWith("+ rule switchboard/p") && l.endsWith("→ agent " + sales)))
                    .isNotEmpty();
            assertThat(plan.lines().filter(l -> l.startsWith("+ trunk switchboard/inbound/p"))).isNotEmpty();
            assertThat(livekit.rules()).hasSize(1);
            assertThat(livekit.trunks()).isEmpty();
            assertThat(livekit.calls()).isEqualTo(livekit.calls("SIP/ListSIPInboundTrunk") + livekit.calls("SIP/ListSIPDispatchRule"));
        }
    }

    /** Retried: the registry client's first request right after the shared stack started was seen to be cut once. */
    private void publish(String number, String agent) {
        Map<String, Object> props = new HashMap<>(EventSerdes.producer(stack.registryUrl()));
        props.put("bootstrap.servers", stack.kafkaBootstrapServers());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> send(props, number, agent));
    }

    private static boolean send(Map<String, Object> props, String number, String agent) throws Exception {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.ROUTING_ENTRIES.name(), number, RoutingEntry.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setReceivedAt(Instant.now())
                    .setSource(EventSource.routing_service).setVersion(1).setPhoneNumber(number).setPhoneNumberId("pn-" + number)
                    .setTenantId("tenant-plan").setAgentName(agent).setRoutingRule("tenant_default").build())).get();
            return true;
        }
    }
}
