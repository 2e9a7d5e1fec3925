package io.switchboard.calllog.consumer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.switchboard.calllog.publication.CallRecordRelay;
import io.switchboard.calllog.records.CallRecordWriter;
import io.switchboard.platform.tracing.CallTraces;
import io.switchboard.events.DeadLetterHeaders;
import io.switchboard.events.LeadContext;
import io.switchboard.events.Topics;
import io.switchboard.platform.kafka.RegistryDeadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * One consumer group for the three call topics, in batches. Records that cannot be read or make no sense
 * go to {@value Topics#CALLLOG_DEAD_LETTERS} (reason, topic, partition and offset in headers) before the
 * batch is written; the offsets are committed only after the write and the dead letters succeeded.
 * {@code ./switchboard redrive-dead-letters} copies letters back to their topics once their cause is fixed.
 */
@Component
class CallEventsListener {
    private static final Logger log = LoggerFactory.getLogger(CallEventsListener.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final CallRecordWriter writer;
    private final DeadLetters deadLetters;
    private final LeadContextPublisher leadContexts;
    private final MeterRegistry meters;
    private final CallTraces traces;
    private final CallRecordRelay relay;
    private final Timer writes;
    private final DistributionSummary batchSizes;

    CallEventsListener(CallRecordWriter writer, DeadLetters deadLetters, LeadContextPublisher leadContexts,
                       MeterRegistry meters, CallTraces traces, CallRecordRelay relay) {
        this.traces = traces;
        this.relay = relay;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.leadContexts = leadContexts;
        this.meters = meters;
        this.writes = Timer.builder("switchboard.calllog.write").description("one transaction writing a batch's records")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("switchboard.calllog.batch.size")
                .description("records per polled batch").register(meters);
    }

    /** The group is {@code switchboard.calllog.group} (SWITCHBOARD_CALLLOG_GROUP), by default the one replay rewinds. */
    @KafkaListener(id = "calllog", groupId = "${switchboard.calllog.group:" + Topics.CALLLOG_GROUP + "}",
            batch = "true", topics = "#{T(io.switchboard.events.Topics).callTopicNames()}")
    void onBatch(List<ConsumerRecord<String, Object>> records) throws Exception {
        List<ConsumerRecord<String, Object>> good = new ArrayList<>(records.size());
        List<Letter> letters = new ArrayList<>();
        for (ConsumerRecord<String, Object> record : records) {
            if (record.value() instanceof Unreadable unreadable && unreadable.registryUnreachable()) {
                // Index 0: nothing of the batch is committed, every partition is sought back, and the batch is
                // polled (so decoded again, with the registry) after a back-off. Retrying the records in memory
                // would never get past this: their values were decoded, and failed, when they were polled.
                throw new BatchListenerFailedException("cannot read " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + " while the schema registry is unreachable (" + unreadable.reason()
                        + "); polling the batch again",
                        new RegistryDeadline.RegistryUnreachableException(unreadable.reason()), 0);
            }
            String problem = problem(record);
            if (problem == null) {
                good.add(record);
            } else {
                letters.add(new Letter(record, record.value() instanceof Unreadable u ? u.data() : null, problem));
            }
        }
        // each record's span continues the trace its webhook started (traceparent header) and lasts until its write
        List<Span> spans = new ArrayList<>(good.size());
        for (ConsumerRecord<String, Object> record : good) {
            spans.add(traces.consumer(record.headers(), "calllog write")
                    .tag("messaging.destination.name", record.topic())
                    .tag("messaging.kafka.offset", Long.toString(record.offset())));
        }
        try {
            leadContexts.publish(write(good, letters));
        } catch (Exception e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
        relay.wake(); // the batch's changes are committed: call.records follows at once
        // only once the batch is written: a batch retried while the database is down sends no letter twice
        for (Letter letter : letters) {
            deadLetter(letter);
        }
        batchSizes.record(records.size());
    }

    /** A record to dead-letter: {@code asRead} holds its bytes when they could not be decoded. */
    private record Letter(ConsumerRecord<String, Object> record, byte[] asRead, String reason) {
    }

    /**
     * Writes the batch in one transaction. If the database refuses a record's data (see {@link Failures}), the
     * records are written one at a time instead, and those refused become letters: one bad row cannot stall the
     * partition. Any other failure is thrown, and the batch retried with back-off.
     */
    private List<LeadContext> write(List<ConsumerRecord<String, Object>> records, List<Letter> letters) {
        try {
            Timer.Sample sample = Timer.start(meters);
            List<LeadContext> leads = writer.write(records.stream().map(ConsumerRecord::value).toList()).block(WRITE_TIMEOUT);
            sample.stop(writes);
            meters.counter("switchboard.calllog.events", "outcome", "written").increment(records.size());
            return leads;
        } catch (RuntimeException batchFailure) {
            if (Failures.recordsFaultSqlState(batchFailure) == null) {
                throw batchFailure;
            }
            log.warn("the database refused a record of a batch of {} ({}); writing them one at a time", records.size(),
                    batchFailure.toString());
            List<LeadContext> leads = new ArrayList<>();
            for (ConsumerRecord<String, Object> record : records) {
                try {
                    leads.addAll(writer.write(List.of(record.value())).block(WRITE_TIMEOUT));
                    meters.counter("switchboard.calllog.events", "outcome", "written").increment();
                } catch (RuntimeException e) {
                    String state = Failures.recordsFaultSqlState(e);
                    if (state == null) {
                        throw e;
                    }
                    letters.add(new Letter(record, null, "refused by the database (SQLSTATE " + state + "): " + e.getMessage()));
                }
            }
            return leads;
        }
    }

    /** Why the record cannot be processed, or null when it can. */
    private static String problem(ConsumerRecord<String, Object> record) {
        return switch (record.value()) {
            case null -> "no value";
            case Unreadable unreadable -> "unreadable: " + unreadable.reason();
            case io.switchboard.events.CallStarted s when s.getCallId().isBlank() || s.getRoomName().isBlank() ->
                    "call.started without call_id or room_name";
            case io.switchboard.events.CallEnded e when e.getRoomName().isBlank() -> "call.ended without room_name";
            case io.switchboard.events.RoomFinished f when f.getRoomName().isBlank() -> "room.finished without room_name";
            case io.switchboard.events.CallHoldChanged h when h.getCallId().isBlank() -> "call.holds without call_id";
            case SpecificRecord ignored -> null;
            default -> "not a call event: " + record.value().getClass().getName();
        };
    }

    private void deadLetter(Letter dead) throws Exception {
        ConsumerRecord<String, Object> record = dead.record();
        String reason = dead.reason();
        byte[] value = dead.asRead() != null ? dead.asRead()
                : record.value() == null ? null : deadLetters.encode(record.topic(), record.value());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.CALLLOG_DEAD_LETTERS, record.key(), value);
        header(letter, DeadLetterHeaders.REASON, reason);
        header(letter, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        header(letter, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        header(letter, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        header(letter, DeadLetterHeaders.VALUE_FORMAT,
                dead.asRead() != null ? DeadLetterHeaders.AS_READ : DeadLetterHeaders.RE_ENCODED);
        deadLetters.send(letter);
        meters.counter("switchboard.calllog.events", "outcome", "dead_lettered").increment();
        log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }

    private static void header(ProducerRecord<String, byte[]> letter, String name, String value) {
        letter.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
