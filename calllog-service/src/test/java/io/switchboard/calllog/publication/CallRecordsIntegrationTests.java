package io.switchboard.calllog.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallRecord;
import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * call.records follows call_logs: every committed change of a row is published, keyed by call id, and the last record of
 * a call is its row as stored; a change that rolls back, or an update that changes nothing, publishes nothing.
 */
@ServiceIntegrationTest
class CallRecordsIntegrationTests {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator tx;

    @Test
    void aCallsLatestRecordIsItsRowAsCommitted() throws Exception {
        String callId = "SCL_rec_" + UUID.randomUUID();
        String room = "room-" + callId;
        started(callId, room);
        await().atMost(WITHIN).until(() -> latest(callId) != null);
        ended(callId, room);

        await().atMost(WITHIN).untilAsserted(() -> {
            CallRecord record = latest(callId);
            assertThat(record.getStatus()).isEqualTo("completed");
            assertThat(record.getDurationSeconds()).isEqualTo(95);
        });
        CallRecord record = latest(callId);
        Map<String, Object> row = db.sql("SELECT status, duration_seconds, ended_at, agent_name, routing_rule, tenant_id, "
                + "room_name, from_number, updated_at FROM call_logs WHERE call_id = :id").bind("id", callId).fetch().one().block();
        assertThat(record.getRoomName()).isEqualTo(row.get("room_name"));
        assertThat(record.getAgentName()).isEqualTo(row.get("agent_name")).isEqualTo("records-agent");
        assertThat(record.getRoutingRule()).isEqualTo(row.get("routing_rule")).isEqualTo("campaign");
        assertThat(record.getTenantId()).isEqualTo(row.get("tenant_id"));
        assertThat(record.getFromNumber()).isEqualTo(row.get("from_number"));
        assertThat(record.getEndedAt()).isEqualTo(START.plusSeconds(95));
        assertThat(record.getOccurredAt()).isEqualTo(((java.time.OffsetDateTime) row.get("updated_at")).toInstant()
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        List<CallRecord> all = records(callId);
        assertThat(all).extracting(CallRecord::getVersion).as("versions grow").isSorted().doesNotHaveDuplicates();
        assertThat(all).extracting(CallRecord::getStatus).startsWith("ringing").endsWith("completed");
    }

    @Test
    void aChangeThatRollsBackOrChangesNothingPublishesNothing() throws Exception {
        String callId = "SCL_rec_" + UUID.randomUUID();
        started(callId, "room-" + callId);
        await().atMost(WITHIN).until(() -> latest(callId) != null);
        await().atMost(WITHIN).until(() -> outboxRows(callId) == 0);
        int before = records(callId).size();

        Mono<Long> rolledBack = db.sql("UPDATE call_logs SET status = 'failed' WHERE call_id = :id").bind("id", callId)
                .fetch().rowsUpdated().then(Mono.error(new IllegalStateException("rolled back on purpose")));
        assertThat(tx.transactional(rolledBack).onErrorResume(IllegalStateException.class, e -> Mono.just(-1L)).block())
                .isEqualTo(-1L);
        // counted inside the updating transaction, where the relay cannot have taken the outbox rows yet
        assertThat(enqueuedBy("UPDATE call_logs SET updated_at = now() WHERE call_id = :id", callId))
                .as("outbox rows of an update that changes nothing").isZero();
        // a committed change after both: once it is on the topic, whatever they had published would be too
        assertThat(enqueuedBy("UPDATE call_logs SET disconnect_reason = 'MARKER' WHERE call_id = :id", callId)).isOne();

        await().atMost(WITHIN).until(() -> "MARKER".equals(latest(callId).getDisconnectReason()));
        List<CallRecord> after = records(callId);
        assertThat(after).hasSize(before + 1);
        assertThat(after).extracting(CallRecord::getStatus).doesNotContain("failed");
    }

    @Test
    void theTopicsAreDescribedForAnalyticsConsumersInAsyncApi(@Autowired org.springframework.test.web.reactive.server.WebTestClient client)
            throws Exception {
        String committed = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "asyncapi.json"));
        io.switchboard.platform.Credentials.admin(client).get().uri("/api/v1/asyncapi.json").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(committed);
        client.get().uri("/api/v1/asyncapi.json").exchange().expectStatus().isUnauthorized();
    }

    private void started(String callId, String room) throws Exception {
        kafka.send(Topics.CALL_STARTED.name(), room, CallStarted.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(START).setReceivedAt(START).setSource(EventSource.sip_inbound).setCallId(callId)
                .setRoomName(room).setFromNumber("+15557770000").setToNumber("+18588796658").setAgentName("records-agent")
                .setRoutingRule("campaign").setTenantId("tenant-rec").setCampaignId("campaign-rec").setMetadata("{}").build()).get();
    }

    private void ended(String callId, String room) throws Exception {
        kafka.send(Topics.CALL_ENDED.name(), room, CallEnded.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(START.plusSeconds(95)).setReceivedAt(START.plusSeconds(95))
                .setSource(EventSource.livekit_webhook).setCallId(callId).setRoomName(room)
                .setDisconnectReason("CLIENT_INITIATED").build()).get();
    }

    /** Runs the statement and counts the call's outbox rows in the same transaction, which then commits. */
    private long enqueuedBy(String update, String callId) {
        return tx.transactional(db.sql(update).bind("id", callId).fetch().rowsUpdated()
                .then(Mono.fromSupplier(() -> 0L)).flatMap(ignored -> db.sql(
                        "SELECT count(*) AS n FROM call_record_outbox WHERE call_id = :id").bind("id", callId)
                        .map(row -> row.get("n", Long.class)).one())).block();
    }

    private long outboxRows(String callId) {
        return db.sql("SELECT count(*) AS n FROM call_record_outbox WHERE call_id = :id").bind("id", callId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static List<CallRecord> records(String callId) {
        return TopicReader.readAll(Topics.CALL_RECORDS).stream().filter(r -> callId.equals(r.key()))
                .map(r -> r.value()).toList();
    }

    private static CallRecord latest(String callId) {
        List<CallRecord> all = records(callId);
        return all.isEmpty() ? null : all.getLast();
    }
}
