package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.ops.Replay;
import io.switchboard.stack.testing.SharedStack;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Replaying the call topics from the beginning ends in the rows as they were before the replay: onto the existing
 * rows (nothing changes) and onto deleted ones (they come back exactly). Each test compares only its own calls,
 * leads and endings (a campaign and room prefix of its own), and deletes nothing else: other classes' rows stand.
 * The consumer here is in a group of its own, in a context closed after the class, so the group that other classes'
 * consumer uses is never rewound.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "switchboard.calllog.group=" + ReplayIntegrationTests.GROUP)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReplayIntegrationTests {
    static final String GROUP = "calllog-replay-tests";
    private static final String SNAPSHOT = """
            SELECT count(*) AS n, coalesce(string_agg(r, E'\\n' ORDER BY r), '') AS rows FROM (
              SELECT 'call ' || c::text AS r FROM (SELECT call_id, room_name, lead_id, tenant_id, campaign_id, phone_number_id,
                     from_number, to_number, trunk_id, agent_name, routing_rule, metadata, started_at, answered_at, ended_at,
                     room_finished_at, disconnect_reason, status, duration_seconds
                     FROM call_logs WHERE campaign_id = :campaign) c
              UNION ALL
              SELECT 'lead ' || l::text FROM (SELECT id, campaign_id, phone_number, tenant_id, name, status, attempts,
                     first_call_at, last_call_at, source FROM leads WHERE campaign_id = :campaign) l
              UNION ALL
              SELECT 'ending ' || e::text FROM (SELECT room_name, kind, call_id, at, disconnect_reason
                     FROM room_endings WHERE starts_with(room_name, :campaign)) e) rows""";

    private record Snapshot(long rows, String text) {
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    DatabaseClient db;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final String campaign = "replay-" + UUID.randomUUID();

    @Test
    void replayingOntoTheExistingRowsChangesNothing() throws Exception {
        Snapshot before = threeCallsWritten();
        Map<String, String> lastChanges = rowsAsRecorded();

        replay();

        assertThat(snapshot()).isEqualTo(before);
        assertThat(rowsAsRecorded()).as("updated_at of rows the replay rewrote as they were").isEqualTo(lastChanges);
    }

    @Test
    void replayingOntoDeletedRowsBringsThemBackExactly() throws Exception {
        Snapshot before = threeCallsWritten();
        MessageListenerContainer container = stopped();
        db.sql("DELETE FROM call_logs WHERE campaign_id = :campaign").bind("campaign", campaign).then().block();
        db.sql("DELETE FROM leads WHERE campaign_id = :campaign").bind("campaign", campaign).then().block();
        db.sql("DELETE FROM room_endings WHERE starts_with(room_name, :campaign)").bind("campaign", campaign).then().block();
        assertThat(snapshot().rows()).isZero();

        replayWith(container);

        assertThat(snapshot()).isEqualTo(before);
        // call.records follows the rows written again: each call's latest record is its row as it is now
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(latestRecords()).isEqualTo(rowsAsRecorded()));
    }

    /** Each call of this test's campaign as its row stands: status, duration, last change (ms). */
    private Map<String, String> rowsAsRecorded() {
        return db.sql("SELECT call_id, status, duration_seconds, updated_at FROM call_logs WHERE campaign_id = :campaign")
                .bind("campaign", campaign)
                .map(row -> Map.entry(row.get("call_id", String.class), row.get("status", String.class) + "/"
                        + row.get("duration_seconds", Integer.class) + "/"
                        + row.get("updated_at", java.time.OffsetDateTime.class).toInstant().toEpochMilli()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    /** The same figures from each call's latest record on call.records (the highest version). */
    private Map<String, String> latestRecords() {
        Map<String, io.switchboard.events.CallRecord> latest = new java.util.HashMap<>();
        for (var record : io.switchboard.stack.testing.TopicReader.readAll(Topics.CALL_RECORDS)) {
            if (record.value() != null && campaign.equals(record.value().getCampaignId())) {
                latest.merge(record.key(), record.value(), (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
            }
        }
        Map<String, String> out = new java.util.HashMap<>();
        latest.forEach((id, r) -> out.put(id, r.getStatus() + "/" + r.getDurationSeconds() + "/" + r.getOccurredAt().toEpochMilli()));
        return out;
    }

    @Test
    void aGroupWithRunningMembersIsNotRewoundAndTheReplaySaysWhy() throws Exception {
        Replay replay = new Replay(SharedStack.endpoints().kafkaBootstrapServers(), GROUP, line -> { });
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> replay.lag() == 0);

        assertThatThrownBy(() -> replay.rewind(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group " + GROUP + " has running members: stop calllog-service first");
        assertThat(replay.lag()).as("offsets moved").isZero();
    }

    /**
     * A completed call whose room's end came first, the same caller's second call (ended, its room not finished),
     * and another caller's call that only started; the rows once all are consumed (three calls, two leads, endings).
     */
    private Snapshot threeCallsWritten() throws Exception {
        Instant t = Instant.parse("2026-11-22T09:00:00Z");
        String first = campaign + "-room-1";
        finished(first, t.plusSeconds(150));
        started(first, "+15550007001", t);
        ended(first, t.plusSeconds(130));
        String second = campaign + "-room-2";
        started(second, "+15550007001", t.plusSeconds(600));
        ended(second, t.plusSeconds(660));
        started(campaign + "-room-3", "+15550007002", t.plusSeconds(900));

        await().atMost(Duration.ofSeconds(30)).until(() -> snapshot().text().contains(",completed,130)")
                && snapshot().rows() == 3 + 2 + 3);
        Replay group = new Replay(SharedStack.endpoints().kafkaBootstrapServers(), GROUP, line -> { });
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> group.lag() == 0);
        assertThat(db.sql("SELECT attempts FROM leads WHERE campaign_id = :campaign AND phone_number = '+15550007001'")
                .bind("campaign", campaign).map(r -> r.get("attempts", Integer.class)).one().block()).isEqualTo(2);
        return snapshot();
    }

    private void replay() throws Exception {
        replayWith(stopped());
    }

    private MessageListenerContainer stopped() {
        MessageListenerContainer container = listeners.getListenerContainer("calllog");
        container.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
        return container;
    }

    /** The documented replay: the group rewound to the beginning of the call topics, then consumed to the end. */
    private void replayWith(MessageListenerContainer container) throws Exception {
        Replay replay = new Replay(SharedStack.endpoints().kafkaBootstrapServers(), GROUP, line -> { });
        double consumedBefore = consumed();
        long events = replay.rewind(null);
        assertThat(events).isPositive();
        container.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> replay.lag() == 0);
        assertThat(consumed() - consumedBefore).as("records consumed again").isGreaterThanOrEqualTo(events);
    }

    /** Records the listener has taken, in all its batches. */
    private double consumed() {
        return meters.find("switchboard.calllog.batch.size").summaries().stream().mapToDouble(s -> s.totalAmount()).sum();
    }

    private Snapshot snapshot() {
        return db.sql(SNAPSHOT).bind("campaign", campaign)
                .map(r -> new Snapshot(r.get("n", Long.class), r.get("rows", String.class))).one().block();
    }

    private void started(String room, String caller, Instant at) throws Exception {
        kafka.send(Topics.CALL_STARTED.name(), room, CallStarted.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at).setReceivedAt(at).setSource(EventSource.sip_inbound).setCallId("SCL_" + room)
                .setRoomName(room).setFromNumber(caller).setToNumber("+18588796658").setAgentName("agent")
                .setRoutingRule("campaign").setTenantId("tenant-replay").setCampaignId(campaign).setMetadata("{}").build()).get();
    }

    private void ended(String room, Instant at) throws Exception {
        kafka.send(Topics.CALL_ENDED.name(), room, CallEnded.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at).setReceivedAt(at).setSource(EventSource.livekit_webhook).setCallId("SCL_" + room)
                .setRoomName(room).setDisconnectReason("CLIENT_INITIATED").build()).get();
    }

    private void finished(String room, Instant at) throws Exception {
        kafka.send(Topics.ROOM_FINISHED.name(), room, RoomFinished.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at).setReceivedAt(at).setSource(EventSource.livekit_webhook).setRoomName(room).build()).get();
    }
}
