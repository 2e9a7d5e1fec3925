package io.switchboard.calllog.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.ServiceIntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Any number of deliveries of the same events, in any order and any batching — room.finished before its
 * call.started included — end in the rows of one in-order delivery.
 */
@ServiceIntegrationTest
class CallRecordOrderIndependenceIntegrationTests {
    private static final List<String> VOLATILE = List.of("created_at", "updated_at", "id", "lead_id");

    @Autowired
    CallRecordWriter writer;

    @Autowired
    DatabaseClient db;

    @Test
    void oneInOrderDeliveryGivesTheExpectedRecords() {
        CallScenario scenario = new CallScenario();
        scenario.events.forEach(e -> writer.write(List.of(e)).block());
        Map<String, Map<String, Object>> calls = snapshot(scenario).calls();

        assertThat(calls.get("A")).containsEntry("status", "completed").containsEntry("duration_seconds", 95)
                .containsEntry("disconnect_reason", "CLIENT_INITIATED").containsEntry("from_number", "CALLER_X");
        assertThat(calls.get("B")).containsEntry("status", "completed").containsEntry("duration_seconds", 60);
        assertThat(calls.get("C")).containsEntry("status", "ringing").containsEntry("duration_seconds", null);
        assertThat(calls.get("D")).containsEntry("status", "failed");
        assertThat(calls.get("E")).containsEntry("status", "completed").containsEntry("duration_seconds", null);
        Map<String, Map<String, Object>> leads = snapshot(scenario).leads();
        assertThat(calls.get("F")).containsEntry("status", "completed").containsEntry("duration_seconds", 60)
                .containsEntry("routing_rule", "campaign");
        assertThat(leads.get("CALLER_X|CAMPAIGN")).containsEntry("attempts", 3).containsEntry("status", "completed")
                .containsEntry("name", "Inbound Caller CALLER_X");
        assertThat(leads).doesNotContainKey("CALLER_X|");
        assertThat(leads.get("CALLER_Y|")).containsEntry("attempts", 3).containsEntry("status", "completed");
        assertThat(leads.get("CALLER_Y|CAMPAIGN")).containsEntry("attempts", 1).containsEntry("status", "completed");
        assertThat(calls.get("G1")).containsEntry("status", "completed").containsEntry("duration_seconds", 60);
        assertThat(calls.get("G2")).as("a later call in a reused room").containsEntry("status", "ringing")
                .containsEntry("ended_at", null).containsEntry("room_finished_at", null);
        assertThat(calls.get("H1")).containsEntry("status", "completed").containsEntry("duration_seconds", 100);
        assertThat(calls.get("H2")).as("another caller in the same room").containsEntry("status", "in_progress")
                .containsEntry("ended_at", null);
        assertThat(leads.get("CALLER_Z|")).containsEntry("attempts", 4).containsEntry("status", "calling");
        assertThat(calls.get("I")).as("sip-inbound's start, then the join report").containsEntry("status", "in_progress")
                .containsEntry("routing_rule", "tenant_default");
        assertThat(calls.get("J")).containsEntry("status", "completed").containsEntry("duration_seconds", 30);
        assertThat(leads.get("CALLER_W|")).containsEntry("attempts", 3);
        assertThat(calls.get("K")).as("busy").containsEntry("status", "busy").containsEntry("hangup_cause", "user_busy")
                .containsEntry("hangup_source", "callee").containsEntry("sip_code", 486).containsEntry("answered_at", null);
        assertThat(calls.get("L")).as("the caller gave up").containsEntry("status", "canceled")
                .containsEntry("sip_code", 487).containsEntry("duration_seconds", 9);
        assertThat(calls.get("M")).as("LiveKit's reason, classified").containsEntry("status", "no_answer")
                .containsEntry("disconnect_reason", "USER_UNAVAILABLE").containsEntry("hangup_cause", null);
        assertThat(calls.get("N")).containsEntry("status", "completed").containsEntry("duration_seconds", 60)
                .containsEntry("hangup_cause", "normal_clearing").containsEntry("sip_code", null);
        assertThat(leads.get("CALLER_W|CAMPAIGN")).containsEntry("attempts", 3).containsEntry("status", "completed");
        assertThat(calls.get("O")).as("held 30 s and the last 22 s").containsEntry("duration_seconds", 120)
                .containsEntry("hold_seconds", 52).containsEntry("talk_seconds", 68);
        assertThat(calls.get("N")).as("never held").containsEntry("hold_seconds", 0).containsEntry("talk_seconds", 60);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> 7919L * i + 17);
    }

    @ParameterizedTest(name = "permutation seed {0}")
    @MethodSource("seeds")
    void anyOrderAnyRepetitionAnyBatchingEndsInTheSameRows(long seed) {
        CallScenario inOrder = new CallScenario();
        inOrder.events.forEach(e -> writer.write(List.of(e)).block());

        CallScenario shuffled = new CallScenario();
        Random random = new Random(seed);
        List<SpecificRecord> deliveries = new ArrayList<>();
        shuffled.events.forEach(e -> IntStream.range(0, 1 + random.nextInt(3)).forEach(i -> deliveries.add(e)));
        Collections.shuffle(deliveries, random);
        for (int i = 0; i < deliveries.size(); ) {
            int size = 1 + random.nextInt(5);
            writer.write(deliveries.subList(i, Math.min(deliveries.size(), i + size))).block();
            i += size;
        }

        Snapshot expected = snapshot(inOrder);
        assertThat(expected.calls()).as("calls written in order").hasSize(inOrder.callCount());
        assertThat(expected.leads()).as("leads written in order").isNotEmpty();
        assertThat(snapshot(shuffled)).isEqualTo(expected);
    }

    record Snapshot(Map<String, Map<String, Object>> calls, Map<String, Map<String, Object>> leads) {
    }

    private Snapshot snapshot(CallScenario s) {
        Map<String, Map<String, Object>> calls = new TreeMap<>();
        db.sql("SELECT * FROM call_logs WHERE call_id LIKE :pattern").bind("pattern", s.callIdPattern())
                .fetch().all().toIterable()
                .forEach(row -> calls.put(canonical(s, row.get("call_id")).toString().replace("SCL_", ""), normalise(s, row)));
        Map<String, Map<String, Object>> leads = new TreeMap<>();
        // by caller, not through the calls: a lead left behind by a call that moved to another lead counts too
        db.sql("SELECT * FROM leads WHERE phone_number IN (:x, :y, :z, :w)").bind("x", s.callerX).bind("y", s.callerY)
                .bind("z", s.callerZ).bind("w", s.callerW)
                .fetch().all().toIterable()
                .forEach(row -> leads.put(canonical(s, row.get("phone_number")) + "|"
                        + (row.get("campaign_id") == null ? "" : canonical(s, row.get("campaign_id"))), normalise(s, row)));
        return new Snapshot(calls, leads);
    }

    private static Map<String, Object> normalise(CallScenario s, Map<String, Object> row) {
        Map<String, Object> out = new TreeMap<>();
        row.forEach((k, v) -> {
            if (!VOLATILE.contains(k)) {
                out.put(k, canonical(s, v));
            }
        });
        return out;
    }

    /** Replaces the run's unique names (also inside text such as the lead's name) by canonical ones. */
    private static Object canonical(CallScenario s, Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        String result = text;
        for (var e : s.canonical.entrySet()) {
            result = result.replace(e.getKey(), e.getValue());
        }
        return result;
    }
}
