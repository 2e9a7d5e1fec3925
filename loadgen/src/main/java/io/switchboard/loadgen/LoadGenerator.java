package io.switchboard.loadgen;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
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
        System.exit(io.switchboard.stack.cli.CommandLines.execute(new LoadGenerator(), args));
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
        Driver.Result result = run(prepared, rate, seconds);
        print(result);
        if (rowLatencyDb != null && !dryRun) {
            new RowLatency(rowLatencyDb, dbUser, dbPassword).measure(RowLatency.ids(signed), result.answeredMicros(),
                    Duration.ofMinutes(2));
        }
        return result.failed() > 0 ? 1 : 0;
    }

    private byte[][] prepare(Requests.Signed[] signed, String path) {
        return java.util.Arrays.stream(signed)
                .map(s -> HttpExchange.post(url.getHost(), url.getPort(), path, s.token(), s.body())).toArray(byte[][]::new);
    }

    private Driver.Result run(byte[][] prepared, int rate, int seconds) throws java.io.IOException {
        return new Driver(new InetSocketAddress(url.getHost(), url.getPort()), connections)
                .run(prepared, rate, Duration.ofSeconds(seconds));
    }

    private static void print(Driver.Result result) {
        var latency = result.latency();
        long total = latency.getTotalCount();
        System.out.printf("requests: %,d in %.1f s = %,.0f req/s; statuses %s%n", total, result.seconds(),
                total / result.seconds(), result.statuses());
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                latency.getValueAtPercentile(99) / 1e6, latency.getValueAtPercentile(99.9) / 1e6,
                latency.getMaxValue() / 1e6);
    }
}
