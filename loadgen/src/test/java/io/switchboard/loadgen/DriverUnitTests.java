package io.switchboard.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against a real HTTP server on loopback that answers in the ways a server may: fixed length or
 * chunked, success or failure, keeping the connection or closing it after the answer.
 */
class DriverUnitTests {
    HttpServer server;
    /** Each request body, with when the server read it (System.nanoTime()). */
    final Map<String, Long> received = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    /** Body "n": status 200 for even n, 503 for odd; chunked when n % 3 == 0; closes after every fifth. */
    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.put(body, System.nanoTime());
        int n = Integer.parseInt(body);
        byte[] answer = ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        if (n % 5 == 0) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        exchange.sendResponseHeaders(n % 2 == 0 ? 200 : 503, n % 3 == 0 ? 0 : answer.length);
        try (var out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Test
    void aClosedLoopSendsEveryRequestOnceAndCountsEachAnswer() throws IOException {
        byte[][] requests = requests(2_000);

        Driver.Result result = driver(8).run(requests, 0, Duration.ofSeconds(60));

        assertThat(received).hasSize(2_000);
        assertThat(result.statuses()).isEqualTo(Map.of(200, 1_000L, 503, 1_000L));
        assertThat(result.latency().getTotalCount()).isEqualTo(2_000);
        assertThat(result.failed()).isEqualTo(1_000);
        long answered = IntStream.range(0, requests.length).filter(i -> result.answeredMicros()[i] > 0).count();
        assertThat(answered).isEqualTo(1_000);
        assertThat(IntStream.range(0, requests.length).filter(i -> result.answeredMicros()[i] > 0))
                .allMatch(i -> i % 2 == 0);
    }

    /** Asserted on the schedule, not on wall-clock counts: a stalled machine sends late, never early. */
    @Test
    void anOpenLoopSendsEachRequestNoSoonerThanItIsDue() throws IOException {
        long before = System.nanoTime();
        Driver.Result result = driver(4).run(requests(300), 500, Duration.ofSeconds(60));

        assertThat(result.latency().getTotalCount()).isEqualTo(300);
        assertThat(received).hasSize(300);
        // request i is due at start + i/500 s, and the run starts after `before`
        assertThat(IntStream.range(0, 300)).allMatch(i -> received.get(Integer.toString(i)) - before >= i * 2_000_000L);
    }

    @Test
    void anOpenLoopSendsNothingNewOnceTheTimeIsUp() throws IOException {
        Driver.Result result = driver(4).run(requests(10_000), 500, Duration.ofSeconds(1));

        // due at start + i/500 s: only i < 500 fall due within the second, and those sent are the first ones
        long sent = result.latency().getTotalCount();
        assertThat(sent).isBetween(1L, 500L);
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, (int) sent).mapToObj(Integer::toString).toList());
    }

    @Test
    void aServerThatIsNotThereIsReportedBeforeAnythingIsSent() {
        var address = server.getAddress();
        server.stop(0);

        assertThatThrownBy(() -> new Driver(address, 2).run(requests(10), 0, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class);
    }

    private Driver driver(int connections) {
        return new Driver(server.getAddress(), connections);
    }

    private byte[][] requests(int count) {
        var address = server.getAddress();
        return IntStream.range(0, count).mapToObj(i -> io.switchboard.loadgen.HttpExchange.post(
                address.getHostString(), address.getPort(), "/", "token", Integer.toString(i))).toArray(byte[][]::new);
    }
}
