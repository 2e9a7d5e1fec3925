package io.switchboard.calllog.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.testing.SharedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Two writers (consumer threads or replicas) own different rooms but share leads. While one writer's
 * transaction is open, with a call of a lead written and the lead updated, the other writer's lead update
 * must wait for it, and then see its call: both counted, and the earlier call as the lead's first.
 */
@ServiceIntegrationTest
class ConcurrentWritersIntegrationTests {
    @Autowired
    CallRecordWriter writer;

    @Autowired
    DatabaseClient db;

    @Test
    void aLeadRecountedByTwoWritersAtOnceCountsTheCallsOfBoth() throws Exception {
        String campaign = "campaign-" + UUID.randomUUID();
        CallStarted first = call(campaign, "first", Instant.parse("2026-11-21T08:00:00Z"));
        CallStarted second = call(campaign, "second", Instant.parse("2026-11-21T08:05:00Z"));
        var stack = SharedStack.endpoints();
        try (Connection other = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
            other.setAutoCommit(false);
            writeAsTheOtherWriterWould(other, first);

            CompletableFuture<?> mine = writer.write(java.util.List.of(second)).toFuture();
            await().atMost(Duration.ofSeconds(30)).until(() -> mine.isDone() || aWriterWaitsForTheLeadsLock());
            assertThat(mine).as("the recount waits for the other writer's commit").isNotDone();
            other.commit();
            mine.get();
        }

        var lead = db.sql("SELECT attempts, first_call_at, last_call_at FROM leads WHERE campaign_id = :c")
                .bind("c", campaign).fetch().one().block();
        assertThat(lead).containsEntry("attempts", 2)
                .containsEntry("first_call_at", first.getOccurredAt().atOffset(java.time.ZoneOffset.UTC))
                .containsEntry("last_call_at", second.getOccurredAt().atOffset(java.time.ZoneOffset.UTC));
    }

    /** The other writer, mid-transaction: its call and its lead are written, not yet committed. */
    private static void writeAsTheOtherWriterWould(Connection other, CallStarted call) throws Exception {
        try (Statement lock = other.createStatement();
             PreparedStatement insert = other.prepareStatement("""
                     INSERT INTO calllog.call_logs (call_id, room_name, lead_id, campaign_id, from_number, started_at, status)
                     VALUES (?, ?, ?, ?, ?, ?, 'ringing')""")) {
            lock.execute("SELECT pg_advisory_xact_lock(" + CallRecordWriter.LEADS_LOCK + ")");
            insert.setString(1, call.getCallId());
            insert.setString(2, call.getRoomName());
            insert.setObject(3, CallFacts.leadId(call));
            insert.setString(4, call.getCampaignId());
            insert.setString(5, call.getFromNumber());
            insert.setObject(6, java.sql.Timestamp.from(call.getOccurredAt()));
            insert.executeUpdate();
        }
        try (PreparedStatement lead = other.prepareStatement("""
                INSERT INTO calllog.leads (id, campaign_id, phone_number, name, status, attempts, first_call_at,
                       last_call_at, source)
                VALUES (?, ?, ?, 'Inbound Caller', 'calling', 1, ?, ?, 'inbound_call')""")) {
            lead.setObject(1, CallFacts.leadId(call));
            lead.setString(2, call.getCampaignId());
            lead.setString(3, call.getFromNumber());
            lead.setObject(4, java.sql.Timestamp.from(call.getOccurredAt()));
            lead.setObject(5, java.sql.Timestamp.from(call.getOccurredAt()));
            lead.executeUpdate();
        }
    }

    private boolean aWriterWaitsForTheLeadsLock() {
        return db.sql("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                .map(r -> r.get("n", Long.class)).one().block() > 0;
    }

    private static CallStarted call(String campaign, String name, Instant at) {
        String callId = "SCL_" + campaign + "_" + name;
        return CallStarted.newBuilder().setEventId(callId).setOccurredAt(at).setReceivedAt(at)
                .setSource(EventSource.sip_inbound).setCallId(callId).setRoomName("room-" + callId)
                .setFromNumber("+15550009999").setToNumber("+18588796658").setAgentName("agent")
                .setRoutingRule("campaign").setCampaignId(campaign).setMetadata("{}").build();
    }
}
