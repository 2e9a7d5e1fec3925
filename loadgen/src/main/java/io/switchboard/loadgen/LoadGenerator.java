package io.switchboard.loadgen;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives sip-inbound with requests signed exactly as LiveKit signs them (verification stays on), over
 * a fixed number of keep-alive connections, to an address on this machine only. Two models: closed
 * ({@code --rate 0}: each connection sends as soon as its last answer came) and open ({@code --rate N}:
 * request i is due at start + i/N; latency is measured from when it was due, so a stall is not hidden).
 * Bounded by {@code --requests} and {@code --seconds}, whichever comes first. All requests are signed
 * before the run so that signing does not compete with the server for the CPU.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true)
public final class LoadGenerator implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080") URI url;
    @Option(names = "--connections", defaultValue = "32") int connections;
    @Option(names = "--rate", defaultValue = "0", description = "requests/s; 0 = as fast as possible") int rate;
    @Option(names = "--seconds", defaultValue = "30") int seconds;
    @Option(names = "--requests", defaultValue = "300000", description = "at most this many") int maxRequests;
    @Option(names = "--warmup-seconds", defaultValue = "10") int warmupSeconds;
    @Option(names = "--numbers", defaultValue = "1000", description = "distinct called numbers") int numbers;
    @Option(names = "--dry-run", description = "POST /api/v1/webhooks/test instead: routing only, no event")
    boolean dryRun;
    @Option(names = "--row-latency-db", description = "JDBC URL of calllog-service's database: after the run, report"
            + " how long after each answer its call log row was committed (needs track_commit_timestamp = on)")
    String rowLatencyDb;
    @Option(names = "--db-user", defaultValue = "postgres") String dbUser;
    @Option(names = "--db-password", defaultValue = "") String dbPassword;
    @Option(names = "--api-key", defaultValue = "${env:LIVEKIT_API_KEY:-devkey}") String apiKey;
    @Option(names = "--api-secret", defaultValue = "${env:LIVEKIT_API_SECRET:-secret}") String apiSecret;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
            System.err.println("refusing: the load generator only targets addresses on this machine (loopback)");
            return 2;
        }
        Requests requests = new Requests(apiKey, apiSecret, numbers);
        String path = dryRun ? "/api/v1/webhooks/test" : "/api/v1/webhooks/livekit/sip-inbound";
        if (warmupSeconds > 0) {
            int warmupRate = rate == 0 ? 2_000 : Math.min(rate, 2_000);
            System.out.printf("warming up for %d s at %d req/s ...%n", warmupSeconds, warmupRate);
            run(prepare(requests.presign(warmupRate * warmupSeconds), path), warmupRate, warmupSeconds);
        }
        int count = rate == 0 ? maxRequests : (int) Math.min(maxRequests, (long) rate * seconds);
        System.out.printf("signing %,d requests ...%n", count);
        Requests.Signed[] signed = requests.presign(count);
        byte[][] prepared = prepare(signed, path);
        System.out.printf("measuring %s%s: %d connections, %s, up to %d s or %,d requests%n", url, path, connections,
                rate == 0 ? "closed loop (as fast as answers come)" : "open loop at " + rate + " req/s", seconds, count);
        Result result = run(prepared, rate, seconds);
        result.print();
        if (rowLatencyDb != null && !dryRun) {
            new RowLatency(rowLatencyDb, dbUser, dbPassword).measure(RowLatency.ids(signed), result.answeredMicros(),
                    Duration.ofMinutes(2));
        }
        return result.failed() > 0 ? 1 : 0;
    }

    private byte[][] prepare(Requests.Signed[] signed, String path) {
        return java.util.Arrays.stream(signed)
                .map(s -> Connection.post(url.getHost(), url.getPort(), path, s.token(), s.body())).toArray(byte[][]::new);
    }

    private Result run(byte[][] prepared, int rate, int seconds) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(Duration.ofSeconds(60).toNanos(), 3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long[] answeredMicros = new long[prepared.length];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        double interval = rate == 0 ? 0 : 1e9 / rate;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().name("conn-" + c).start(() -> {
                try (Connection connection = new Connection(url.getHost(), url.getPort())) {
                    for (int i = next.getAndIncrement(); i < prepared.length; i = next.getAndIncrement()) {
                        long due = rate == 0 ? System.nanoTime() : start + (long) (i * interval);
                        if (due > end) {
                            break;
                        }
                        LockSupport.parkNanos(due - System.nanoTime());
                        if (System.nanoTime() > end) {
                            break;
                        }
                        int status;
                        try {
                            status = connection.exchange(prepared[i]);
                        } catch (Exception e) {
                            status = -1;
                        }
                        latency.recordValue(Math.max(0, System.nanoTime() - due));
                        if (status == 200) {
                            answeredMicros[i] = RowLatency.nowMicros();
                        }
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(latency, statuses, (System.nanoTime() - start) / 1e9, answeredMicros);
    }

    record Result(Histogram latency, Map<Integer, LongAdder> statuses, double seconds, long[] answeredMicros) {
        long failed() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(e -> e.getValue().sum()).sum();
        }

        void print() {
            long total = latency.getTotalCount();
            System.out.printf("requests: %,d in %.1f s = %,.0f req/s; statuses %s%n", total, seconds, total / seconds,
                    statuses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().sum()).toList());
            System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    ms(50), ms(90), ms(99), ms(99.9), latency.getMaxValue() / 1e6);
        }

        private double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }
}
