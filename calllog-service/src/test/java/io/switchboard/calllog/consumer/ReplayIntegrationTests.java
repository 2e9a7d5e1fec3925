package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.stack.Replay;
import io.switchboard.stack.SharedStack;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;

/** Replaying the topics from the beginning onto emptied tables reproduces them exactly. */
@ServiceIntegrationTest
class ReplayIntegrationTests {
    private static final String CHECKSUM = """
            SELECT (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY c.call_id), '')) FROM (
                      SELECT call_id, room_name, lead_id, tenant_id, campaign_id, phone_number_id, from_number, to_number,
                             trunk_id, agent_name, routing_rule, metadata, started_at, answered_at, ended_at,
                             room_finished_at, disconnect_reason, status, duration_seconds FROM call_logs) c)
                || (SELECT md5(coalesce(string_agg(l::text, '|' ORDER BY l.id), '')) FROM (
                      SELECT id, campaign_id, phone_number, tenant_id, name, status, attempts, first_call_at,
                             last_call_at, source FROM leads) l) AS checksum""";

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    DatabaseClient db;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Test
    void replayingOntoEmptiedTablesReproducesThemExactly() throws Exception {
        String callId = "SCL_" + UUID.randomUUID();
        Instant now = Instant.now();
        kafka.send(Topics.CALL_STARTED.name(), "room-" + callId, CallStarted.newBuilder().setEventId(callId)
                .setOccurredAt(now).setReceivedAt(now).setSource(EventSource.sip_inbound).setCallId(callId)
                .setRoomName("room-" + callId).setFromNumber("+15550001111").setToNumber("+18588796658")
                .setAgentName("agent").setRoutingRule("system_default").setMetadata("{}").build()).get();

        String first = replayOntoEmptyTables();
        String second = replayOntoEmptyTables();

        assertThat(second).isEqualTo(first);
        assertThat(db.sql("SELECT count(*) AS n FROM call_logs WHERE call_id = :id").bind("id", callId)
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1);
    }

    private String replayOntoEmptyTables() throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer("calllog");
        container.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
        db.sql("TRUNCATE call_logs, leads, room_endings").fetch().rowsUpdated().block();

        Replay replay = new Replay(SharedStack.endpoints().kafkaBootstrapServers(), "calllog", line -> { });
        long events = replay.rewind(null);
        assertThat(events).isPositive();
        container.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> replay.lag() == 0);
        return db.sql(CHECKSUM).map(r -> r.get("checksum", String.class)).one().block();
    }
}
