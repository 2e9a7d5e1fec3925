package io.switchboard.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A rolling deploy's new ingress, measured: with {@code ./switchboard run} up, the floor first (the same open-loop load
 * against the stack's warm ingress), then a new ingress process started from its jar, its readiness polled from
 * process start, and the moment it is UP the same steady load sent to it, as a load balancer would. Reports
 * start-to-ready, how long after readiness the first 200 answers took, latency over the run, and memory.
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
        description = "Start a new ingress beside a running ./switchboard run and load it from the moment it is ready.")
public final class ColdStart implements Callable<Integer> {
    @Option(names = "--jar", defaultValue = "ingress-service/target/ingress-service.jar") Path jar;
    @Option(names = "--java-option", description = "a JVM option for the new ingress (repeatable), e.g. -XX:AOTCache=…")
    List<String> javaOptions = new ArrayList<>();
    @Option(names = "--app-option", description = "an application argument (repeatable), e.g. "
            + "--switchboard.ingress.warm-up.iterations=0") List<String> appOptions = new ArrayList<>();
    @Option(names = "--rate", defaultValue = "2000") int rate;
    @Option(names = "--seconds", defaultValue = "30") int seconds;
    @Option(names = "--connections", defaultValue = "64") int connections;
    @Option(names = "--floor-url", defaultValue = "http://127.0.0.1:8080", description = "the running stack's ingress")
    URI floor;
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092") String bootstrap;
    @Option(names = "--registry-url", defaultValue = "http://127.0.0.1:8085") String registry;
    @Option(names = "--api-key", defaultValue = "${env:LIVEKIT_API_KEY:-devkey}") String apiKey;
    @Option(names = "--api-secret", defaultValue = "${env:LIVEKIT_API_SECRET:-secret}") String apiSecret;

    public static void main(String[] args) {
        System.exit(io.switchboard.stack.cli.CommandLines.execute(new ColdStart(), args));
    }

    @Override
    public Integer call() throws Exception {
        Requests requests = new Requests(apiKey, apiSecret, 1000);
        int count = rate * seconds;
        Requests.Signed[] forFloor = requests.presign(count);
        Requests.Signed[] forNew = requests.presign(count);
        System.out.printf("floor: %s, %d req/s for %d s ...%n", floor, rate, seconds);
        Driver.Result warm = load(floor.getPort(), forFloor);
        int port = freePort();
        Path spool = Files.createTempDirectory("cold-start-spool");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap, "--switchboard.registry.url=" + registry,
                "--switchboard.ingress.spool-dir=" + spool, "--switchboard.access.dev-secrets=true"));
        command.addAll(appOptions);
        long started = System.nanoTime();
        Process ingress = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("cold-start-ingress", ".log").toFile()).start();
        try {
            awaitReady(port, ingress);
            long readyNanos = System.nanoTime() - started;
            long readyMicros = RowLatency.nowMicros();
            Driver.Result cold = load(port, forNew);
            long rssKb = rssKb(ingress.pid());
            report(warm, cold, readyNanos, readyMicros, rssKb);
            return 0;
        } finally {
            ingress.destroy();
            ingress.waitFor();
        }
    }

    private Driver.Result load(int port, Requests.Signed[] signed) throws IOException {
        byte[][] prepared = Arrays.stream(signed).map(s -> HttpExchange.post("127.0.0.1", port,
                "/api/v1/webhooks/livekit/sip-inbound", s.token(), s.body())).toArray(byte[][]::new);
        return new Driver(new InetSocketAddress("127.0.0.1", port), connections).run(prepared, rate, Duration.ofSeconds(seconds));
    }

    private static void awaitReady(int port, Process ingress) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        while (true) {
            if (!ingress.isAlive()) {
                throw new IllegalStateException("the new ingress exited during start-up");
            }
            try {
                if (http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // polled again
            }
            Thread.sleep(10); // a load balancer's probe, only faster: the start-to-ready figure is this precise
        }
    }

    private void report(Driver.Result warm, Driver.Result cold, long readyNanos, long readyMicros, long rssKb) {
        long[] answered = Arrays.stream(cold.answeredMicros()).filter(t -> t > 0).sorted().toArray();
        double first200 = answered.length < 200 ? Double.NaN : (answered[199] - readyMicros) / 1e6;
        System.out.printf("start to ready: %.2f s; first 200 answered %.2f s after readiness; RSS %d MB%n",
                readyNanos / 1e9, first200, rssKb / 1024);
        line("floor (warm ingress)", warm);
        line("new ingress", cold);
        System.out.printf("| %d/s | %.2f s | %.2f s | %.1f | %.1f | %.1f | %.1f | %.1f | %d MB | %s |%n", rate,
                readyNanos / 1e9, first200, ms(cold, 50), ms(cold, 99), ms(cold, 100), ms(warm, 50), ms(warm, 99),
                rssKb / 1024, cold.statuses());
    }

    private static void line(String what, Driver.Result r) {
        System.out.printf("%-22s %,d answers in %.1f s, statuses %s; ms p50 %.2f p90 %.2f p99 %.2f max %.2f%n", what,
                r.latency().getTotalCount(), r.seconds(), r.statuses(), ms(r, 50), ms(r, 90), ms(r, 99), ms(r, 100));
    }

    private static double ms(Driver.Result r, double percentile) {
        return (percentile == 100 ? r.latency().getMaxValue() : r.latency().getValueAtPercentile(percentile)) / 1e6;
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
