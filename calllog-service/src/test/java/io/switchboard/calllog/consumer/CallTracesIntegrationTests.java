package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

/** A call's trace reaches calllog-service: the write of a record is a span of the trace its traceparent header names. */
@ServiceIntegrationTest
@Import(CallTracesIntegrationTests.Spans.class)
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
class CallTracesIntegrationTests {
    private static final List<SpanData> ENDED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Spans {
        /** Every span the service ends, as recorded by the SDK (no exporter, no delay). */
        @Bean
        SpanProcessor capture() {
            return new SpanProcessor() {
                @Override
                public void onStart(Context parent, ReadWriteSpan span) {
                }

                @Override
                public boolean isStartRequired() {
                    return false;
                }

                @Override
                public void onEnd(ReadableSpan span) {
                    ENDED.add(span.toSpanData());
                }

                @Override
                public boolean isEndRequired() {
                    return true;
                }
            };
        }
    }

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Test
    void theWriteOfACallsRecordContinuesTheTraceOfItsWebhook() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpanId = traceId.substring(0, 16);
        String room = "traced-" + traceId;
        Instant at = Instant.now();
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.CALL_STARTED.name(), room,
                CallStarted.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setReceivedAt(at)
                        .setSource(EventSource.sip_inbound).setCallId("SCL_" + traceId).setRoomName(room)
                        .setFromNumber("+15557771111").setToNumber("+18588796658").setAgentName("traced-agent")
                        .setRoutingRule("campaign").setMetadata("{}").build());
        record.headers().add("traceparent", ("00-" + traceId + "-" + parentSpanId + "-01").getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();

        SpanData write = await().atMost(Duration.ofSeconds(30)).until(() -> ENDED.stream()
                .filter(s -> s.getTraceId().equals(traceId)).findFirst().orElse(null), s -> s != null);
        assertThat(write.getName()).isEqualTo("calllog write");
        assertThat(write.getParentSpanId()).isEqualTo(parentSpanId);
        assertThat(write.getAttributes().asMap().toString()).contains("call.started");
    }
}
