package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallStarted;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.IsolatedBroker;
import io.switchboard.stack.testing.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answered call's event is durable: after 20 acknowledged calls the broker stops and 1,000 calls are
 * answered (from the routing table, their events spooled to disk); the ingress is then killed with SIGKILL;
 * once the broker and a new ingress are back, exactly 1,020 distinct call.started events reach the topic.
 */
class IngressCrashIntegrationTests {
    private static final int CALLS = 1_000;
    private static final int WARM_CALLS = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void answersGivenWhileTheBrokerIsDownSurviveAKillAndArriveExactlyOnce() throws Exception {
        Path spool = temp.resolve("spool");
        List<String> callIds = new ArrayList<>();
        try (IsolatedBroker broker = new IsolatedBroker(temp.resolve("kafka")).start()) {
            IngressProcess first = IngressProcess.start(broker.bootstrapServers(), spool, "first",
                    "--switchboard.ingress.spool-max-age=2s");
            Process ingress = first.process();
            try {
                int port = first.awaitReady().port();
                // acknowledged calls first: the ingress then sends on its event loops, which must not stall either
                for (int i = 0; i < WARM_CALLS; i++) {
                    callIds.add(answer(port));
                }
                broker.stop();
                for (int i = 0; i < CALLS; i++) {
                    callIds.add(answer(port));
                }
                // events waiting longer than spool-max-age (2 s here) take the replica out of rotation, saying why
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(readiness.statusCode()).isEqualTo(503);
                });
            } finally {
                ingress.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush
            }

            broker.start();
            IngressProcess second = IngressProcess.start(broker.bootstrapServers(), spool, "second");
            Process again = second.process();
            try {
                second.awaitReady();
                Set<String> expected = Set.copyOf(callIds);
                List<ConsumerRecord<String, CallStarted>> records = await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> TopicReader.readAll(Topics.CALL_STARTED, broker.bootstrapServers()).stream()
                                        .filter(r -> expected.contains(r.value().getCallId())).toList(),
                                found -> found.stream().map(r -> r.value().getCallId()).collect(Collectors.toSet()).size()
                                        == expected.size());
                // exactly once: one record per answered call, not one or more
                assertThat(records).hasSize(expected.size());
                assertThat(records.stream().map(r -> r.value().getEventId()).distinct()).hasSize(expected.size());
                // in order: within each partition, the calls arrive in the order they were answered
                records.stream().collect(Collectors.groupingBy(ConsumerRecord::partition)).values().forEach(partition ->
                        assertThat(partition.stream().sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                                .map(r -> callIds.indexOf(r.value().getCallId())).toList()).isSorted());
            } finally {
                again.destroy();
                again.waitFor();
            }
        }
    }

    /** Sends one signed sip-inbound call and checks it was answered 200; its call id. */
    private static String answer(int port) throws IOException, InterruptedException {
        String callId = SipInboundIntegrationTests.callId();
        String body = Livekit.sipInboundBody(callId, "+15551234567", RoutingEntries.freshNumber(), "room-" + callId);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/webhooks/livekit/sip-inbound")).header("Content-Type", "application/json")
                .header("Authorization", Livekit.sign(body)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return callId;
    }
}
