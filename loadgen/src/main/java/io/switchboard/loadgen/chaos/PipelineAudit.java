package io.switchboard.loadgen.chaos;

import io.switchboard.events.CallRecord;
import io.switchboard.events.DeadLetterHeaders;
import io.switchboard.events.Topics;
import io.switchboard.stack.StackEndpoints;
import io.switchboard.stack.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Compares what the pipeline stored with what was answered: every fully answered call has its one call log,
 * completed, with the duration its webhooks imply; every call whose sip-inbound was answered has a call log;
 * every lead's attempts equal its call logs (a duplicate delivery counted twice shows here, since the call
 * log's primary key cannot); the dead-letter topic is empty; {@code call.records} holds each call's row as it is
 * (status, duration and last change equal), killed calllog-services and replays notwithstanding.
 */
final class PipelineAudit {
    /** What was found; {@code examples} names a few of the calls behind each figure. */
    record Findings(int answered, int missing, int wrongStatus, int wrongDuration, int partialWithoutLog,
                    int leadsWrong, long attemptsOff, long deadLetters, int recordsUnequal, List<String> examples) {
        int lost() {
            return missing + partialWithoutLog;
        }

        /** Every answered call stored as it should be: the pipeline has drained (dead letters aside). */
        boolean settled() {
            return lost() == 0 && wrongStatus == 0 && wrongDuration == 0 && leadsWrong == 0 && recordsUnequal == 0;
        }

        boolean clean() {
            return settled() && deadLetters == 0;
        }
    }

    private record Row(String status, Integer duration, long updatedAtMillis) {
    }

    /** Leads whose attempts differ from their call logs: how many, and by how much in all. */
    private record WrongLeads(int count, long attemptsOff) {
    }

    private final StackEndpoints stack;
    private final String prefix;

    PipelineAudit(StackEndpoints stack, String prefix) {
        this.stack = stack;
        this.prefix = prefix;
    }

    Findings check(Collection<ChaosCalls.Call> answered, Collection<ChaosCalls.Call> partial) throws Exception {
        List<String> examples = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
            Map<String, Row> rows = rows(db);
            int missing = 0;
            int wrongStatus = 0;
            int wrongDuration = 0;
            for (ChaosCalls.Call call : answered) {
                Row row = rows.get(call.id());
                if (row == null) {
                    missing++;
                    example(examples, "no call log: " + call.id());
                } else if (!"completed".equals(row.status())) {
                    wrongStatus++;
                    example(examples, call.id() + " is " + row.status());
                } else if (row.duration() == null || row.duration() != call.seconds()) {
                    wrongDuration++;
                    example(examples, call.id() + " lasted " + row.duration() + " s, not " + call.seconds());
                }
            }
            int partialWithoutLog = (int) partial.stream().filter(c -> !rows.containsKey(c.id())).count();
            WrongLeads leads = leads(db, examples);
            int recordsUnequal = recordsUnequal(rows, examples);
            long deadLetters = deadLetters();
            if (deadLetters > 0) {
                letterReasons(examples);
            }
            return new Findings(answered.size(), missing, wrongStatus, wrongDuration, partialWithoutLog,
                    leads.count(), leads.attemptsOff(), deadLetters, recordsUnequal, List.copyOf(examples));
        }
    }

    private Map<String, Row> rows(Connection db) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (PreparedStatement s = db.prepareStatement(
                "SELECT call_id, status, duration_seconds, updated_at FROM calllog.call_logs WHERE starts_with(call_id, ?)")) {
            s.setString(1, prefix);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), new Row(r.getString(2), (Integer) r.getObject(3),
                            r.getTimestamp(4).toInstant().toEpochMilli()));
                }
            }
        }
        return rows;
    }

    /** Calls of this run whose latest record on call.records (by version) is missing or differs from the row. */
    private int recordsUnequal(Map<String, Row> rows, List<String> examples) {
        Map<String, CallRecord> latest = new HashMap<>();
        for (ConsumerRecord<String, CallRecord> record : TopicReader.readAll(Topics.CALL_RECORDS,
                stack.kafkaBootstrapServers(), stack.registryUrl())) {
            if (record.key().startsWith(prefix) && record.value() != null) {
                latest.merge(record.key(), record.value(), (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
            }
        }
        int unequal = 0;
        for (Map.Entry<String, Row> row : rows.entrySet()) {
            CallRecord record = latest.get(row.getKey());
            Row r = row.getValue();
            if (record == null || !record.getStatus().equals(r.status())
                    || !java.util.Objects.equals(record.getDurationSeconds(), r.duration())
                    || record.getOccurredAt().toEpochMilli() != r.updatedAtMillis()) {
                unequal++;
                example(examples, "call.records of " + row.getKey() + ": " + (record == null ? "none" : record.getStatus()
                        + ", " + record.getDurationSeconds() + " s, changed " + record.getOccurredAt()) + "; row: " + r);
            }
        }
        return unequal + (int) latest.keySet().stream().filter(id -> !rows.containsKey(id)).count();
    }

    private static WrongLeads leads(Connection db, List<String> examples) throws SQLException {
        int wrong = 0;
        long off = 0;
        try (PreparedStatement s = db.prepareStatement("""
                SELECT l.phone_number, l.attempts, count(c.call_id) FROM calllog.leads l
                LEFT JOIN calllog.call_logs c ON c.lead_id = l.id
                GROUP BY l.id, l.phone_number, l.attempts HAVING l.attempts <> count(c.call_id)""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                wrong++;
                off += Math.abs(r.getLong(2) - r.getLong(3));
                example(examples, "lead " + r.getString(1) + ": " + r.getLong(2) + " attempts, " + r.getLong(3) + " calls");
            }
        }
        return new WrongLeads(wrong, off);
    }

    private long deadLetters() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(Topics.CALLLOG_DEAD_LETTERS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.CALLLOG_DEAD_LETTERS).partitions();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            partitions.forEach(p -> ends.put(new TopicPartition(Topics.CALLLOG_DEAD_LETTERS, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    /** Why the letters were written, as their headers say: the first thing to read when a run fails on them. */
    private void letterReasons(List<String> examples) {
        for (ConsumerRecord<String, byte[]> letter : TopicReader.readRaw(Topics.CALLLOG_DEAD_LETTERS, stack.kafkaBootstrapServers())) {
            Header reason = letter.headers().lastHeader(DeadLetterHeaders.REASON);
            Header topic = letter.headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC);
            example(examples, "dead letter of " + (topic == null ? "?" : new String(topic.value(), StandardCharsets.UTF_8))
                    + " key " + letter.key() + ": " + (reason == null ? "no reason" : new String(reason.value(), StandardCharsets.UTF_8)));
        }
    }

    private static void example(List<String> examples, String line) {
        if (examples.size() < 10) {
            examples.add(line);
        }
    }
}
