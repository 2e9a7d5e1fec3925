package io.switchboard.loadgen;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * How long after the webhook was answered each call's row became visible in calllog-service's table:
 * the commit time of the transaction that inserted the row (PostgreSQL's {@code track_commit_timestamp},
 * which the local stack turns on) minus the time the load generator received the 200. Same machine,
 * same clock. Only calls whose rows were not updated since (no later event) are measured correctly,
 * which holds for sip-inbound-only runs.
 */
final class RowLatency {
    private static final int CHUNK = 5_000;

    private final String jdbcUrl;
    private final String user;
    private final String password;

    RowLatency(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Waits until every answered call has its row (or {@code atMost} passes), then measures. */
    void measure(String[] callIds, long[] answeredMicros, Duration atMost) throws SQLException, InterruptedException {
        java.util.Map<String, Long> answeredAt = new java.util.HashMap<>();
        for (int i = 0; i < callIds.length; i++) {
            if (answeredMicros[i] > 0) {
                answeredAt.put(callIds[i], answeredMicros[i]);
            }
        }
        List<String> answered = new ArrayList<>(answeredAt.keySet());
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            long deadline = System.nanoTime() + atMost.toNanos();
            Histogram latency = new Histogram(Duration.ofMinutes(10).toNanos() / 1_000, 3);
            List<String> missing = answered;
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                List<String> stillMissing = new ArrayList<>();
                for (int from = 0; from < missing.size(); from += CHUNK) {
                    List<String> chunk = missing.subList(from, Math.min(missing.size(), from + CHUNK));
                    stillMissing.addAll(record(db, chunk, answeredAt, latency));
                }
                missing = stillMissing;
                if (!missing.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            System.out.printf("answer -> row committed (%,d of %,d calls; %,d rows never appeared): p50 %.1f ms  p90 %.1f ms"
                            + "  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms%n", latency.getTotalCount(), answered.size(),
                    missing.size(), ms(latency, 50), ms(latency, 90), ms(latency, 99), ms(latency, 99.9),
                    latency.getMaxValue() / 1e3);
        }
    }

    /** Records the calls whose rows exist; returns those that do not yet. */
    private static List<String> record(Connection db, List<String> callIds, java.util.Map<String, Long> answeredAt,
                                       Histogram latency) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("""
                SELECT call_id, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint AS committed
                  FROM calllog.call_logs WHERE call_id = ANY(?)""")) {
            Array ids = db.createArrayOf("text", callIds.toArray());
            q.setArray(1, ids);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    long committed = rows.getLong("committed");
                    if (rows.wasNull()) {
                        throw new SQLException("no commit time: start PostgreSQL with track_commit_timestamp = on");
                    }
                    String id = rows.getString("call_id");
                    found.add(id);
                    latency.recordValue(Math.max(0, committed - answeredAt.get(id)));
                }
            }
        }
        List<String> missing = new ArrayList<>(callIds);
        missing.removeAll(new java.util.HashSet<>(found));
        return missing;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    static String[] ids(Requests.Signed[] signed) {
        return Arrays.stream(signed).map(Requests.Signed::callId).toArray(String[]::new);
    }
}
