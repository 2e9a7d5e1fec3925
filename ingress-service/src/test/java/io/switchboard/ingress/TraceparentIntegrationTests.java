package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import io.switchboard.stack.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A call's trace starts at its webhook and travels with its event: the call.started record carries a W3C traceparent,
 * continuing the caller's trace when the request came with one (the sip-inbound route is traced by itself, since it
 * bypasses WebFlux's observation).
 */
@IngressTest
class TraceparentIntegrationTests {
    @Autowired
    WebTestClient client;

    @Test
    void aSipInboundRequestsTraceContinuesIntoItsCallStartedRecord() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        String room = "traced-" + UUID.randomUUID();
        answer(room, "00-" + traceId + "-" + callerSpan + "-01");

        String traceparent = traceparentOf(room);
        assertThat(traceparent).startsWith("00-" + traceId + "-");
        assertThat(traceparent.split("-")[2]).as("the ingress's own span, a child of the caller's").matches("[0-9a-f]{16}")
                .isNotEqualTo(callerSpan);
    }

    @Test
    void aRequestWithoutATraceStartsOne() {
        String room = "untraced-" + UUID.randomUUID();
        answer(room, null);

        assertThat(traceparentOf(room)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    }

    private void answer(String room, String traceparent) {
        String body = "{\"call_id\":\"SCL_" + room + "\",\"from_number\":\"+15551230000\",\"to_number\":\""
                + RoutingEntries.freshNumber() + "\",\"room_name\":\"" + room + "\"}";
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/webhooks/livekit/sip-inbound")
                .contentType(MediaType.APPLICATION_JSON).header("Authorization", Livekit.sign(body));
        if (traceparent != null) {
            request = request.header("traceparent", traceparent);
        }
        request.bodyValue(body).exchange().expectStatus().isOk();
    }

    private static String traceparentOf(String room) {
        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader
                .readRaw(Topics.CALL_STARTED.name()).stream().filter(r -> room.equals(r.key())).findFirst().orElse(null),
                r -> r != null);
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header of the call.started record").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
