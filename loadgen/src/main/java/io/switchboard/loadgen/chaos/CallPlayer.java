package io.switchboard.loadgen.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Plays LiveKit's part at a steady rate: each call is its sip-inbound request, then the SIP participant's
 * join and leave and the room's end, each signed, each sent after the previous one was answered 200, and
 * each retried as LiveKit retries (connection errors, 429, 5xx) with back-off until a deadline. A call is
 * "answered" when all four were answered 200; only then does the audit expect a completed call log.
 */
final class CallPlayer implements AutoCloseable {
    private static final int MAX_IN_FLIGHT = 64;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final URI ingress;
    private final ChaosCalls script;
    private final Duration giveUpAfter;

    final Queue<ChaosCalls.Call> answered = new ConcurrentLinkedQueue<>();
    final Queue<ChaosCalls.Call> partial = new ConcurrentLinkedQueue<>();
    final Queue<ChaosCalls.Call> unanswered = new ConcurrentLinkedQueue<>();
    final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    final LongAdder requests = new LongAdder();
    /** System.nanoTime() of the latest 200: from then on, what remains is the pipeline's own drain. */
    volatile long lastAnswer = System.nanoTime();
    private final Map<Integer, LongAdder> retried = new ConcurrentHashMap<>();

    CallPlayer(URI ingress, ChaosCalls script, Duration giveUpAfter) {
        this.ingress = ingress;
        this.script = script;
        this.giveUpAfter = giveUpAfter;
    }

    /** Starts call i at start + i/rate while {@code keepGoing} says so; returns how many calls were started. */
    int play(int rate, BooleanSupplier keepGoing) {
        long start = System.nanoTime();
        int started = 0;
        while (keepGoing.getAsBoolean()) {
            long due = start + (long) (started * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            ChaosCalls.Call call = script.call(started++);
            calls.submit(() -> play(call));
        }
        return started;
    }

    /** Waits for every started call to be answered or given up. */
    boolean awaitCalls(Duration limit) throws InterruptedException {
        calls.shutdown();
        return calls.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers other than 200 (and -1 for a connection that failed), by status, each followed by a retry. */
    Map<Integer, Long> retries() {
        Map<Integer, Long> counts = new TreeMap<>();
        retried.forEach((status, n) -> counts.put(status, n.sum()));
        return counts;
    }

    private void play(ChaosCalls.Call call) {
        if (!deliver(ChaosCalls.SIP_INBOUND, "application/json", script.sipInbound(call))) {
            unanswered.add(call);
            return;
        }
        boolean all = deliver(ChaosCalls.EVENTS, "application/webhook+json", script.joined(call))
                && deliver(ChaosCalls.EVENTS, "application/webhook+json", script.left(call))
                && deliver(ChaosCalls.EVENTS, "application/webhook+json", script.finished(call));
        (all ? answered : partial).add(call);
    }

    private boolean deliver(String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(ingress.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).header("Authorization", script.sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        long backoffMs = 100;
        while (true) {
            HttpResponse<String> response = send(request);
            int status = response == null ? -1 : response.statusCode();
            if (status == 200) {
                lastAnswer = System.nanoTime();
                return true;
            }
            if (status / 100 == 4 && status != 429) { // LiveKit does not retry these: a defect of ours, reported
                refusals.add(status + " " + path + ": " + response.body());
                return false;
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            retried.computeIfAbsent(status, s -> new LongAdder()).increment();
            sleep(backoffMs + ThreadLocalRandom.current().nextLong(backoffMs));
            backoffMs = Math.min(5_000, backoffMs * 2);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            inFlight.acquire();
            try {
                requests.increment();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } finally {
                inFlight.release();
            }
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        http.close();
    }
}
