package io.switchboard.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends prepared requests over keep-alive HTTP/1.1 connections, one request in flight on each, all from one
 * thread with a selector: the generator shares two cores with what it measures, and a thread blocked per
 * connection cost it ~39 µs of CPU a request in context switches. Closed loop ({@code rate} 0): an answered
 * connection sends the next request at once. Open loop: request i is due at start + i/rate and its latency
 * counts from then, so time spent waiting for a free connection or for this thread is not hidden.
 */
final class Driver {
    /** How long answers still in flight are awaited after the run's time is up; then they count as failed. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    record Result(Histogram latency, TreeMap<Integer, Long> statuses, double seconds, long[] answeredMicros) {
        long failed() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(e -> e.getValue()).sum();
        }
    }

    private final InetSocketAddress address;
    private final int connections;

    Driver(InetSocketAddress address, int connections) {
        this.address = address;
        this.connections = connections;
    }

    Result run(byte[][] requests, int rate, Duration limit) throws IOException {
        try (Selector selector = Selector.open()) {
            return new Run(selector, requests, rate, limit).go();
        }
    }

    private final class Run {
        final Selector selector;
        final byte[][] requests;
        final Histogram latency = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        final TreeMap<Integer, Long> statuses = new TreeMap<>();
        final long[] answeredMicros;
        final ArrayDeque<HttpExchange> idle = new ArrayDeque<>();
        final double interval;
        final long start = System.nanoTime();
        final long end;
        int next;
        int inFlight;

        Run(Selector selector, byte[][] requests, int rate, Duration limit) {
            this.selector = selector;
            this.requests = requests;
            this.answeredMicros = new long[requests.length];
            this.interval = rate == 0 ? 0 : 1e9 / rate;
            this.end = start + limit.toNanos();
        }

        Result go() throws IOException {
            List<HttpExchange> all = new ArrayList<>();
            try {
                for (int c = 0; c < connections; c++) {
                    all.add(new HttpExchange(address, selector));
                }
                idle.addAll(all);
                loop();
            } finally {
                all.forEach(HttpExchange::close);
            }
            return new Result(latency, statuses, (System.nanoTime() - start) / 1e9, answeredMicros);
        }

        private void loop() throws IOException {
            while (true) {
                long now = System.nanoTime();
                if (now > end) {
                    next = requests.length; // nothing new is sent once the time is up
                }
                while (!idle.isEmpty() && next < requests.length && due(next, now) <= now) {
                    send(idle.poll(), next, due(next, now));
                    next++;
                }
                if (next >= requests.length && inFlight == 0) {
                    return;
                }
                if (now > end + GRACE.toNanos()) {
                    record(-1, inFlight, now, null);
                    return;
                }
                await(now);
                for (SelectionKey key : selector.selectedKeys()) {
                    ready((HttpExchange) key.attachment(), key);
                }
                selector.selectedKeys().clear();
            }
        }

        private long due(int i, long now) {
            return interval == 0 ? now : start + (long) (i * interval);
        }

        /** Blocks until a connection is ready or the next request falls due (at most a second). */
        private void await(long now) throws IOException {
            boolean sending = !idle.isEmpty() && next < requests.length;
            long wait = sending ? due(next, now) - now : TimeUnit.SECONDS.toNanos(1);
            if (wait >= TimeUnit.MILLISECONDS.toNanos(1)) {
                selector.select(TimeUnit.NANOSECONDS.toMillis(wait));
            } else if (selector.selectNow() == 0 && wait > 0) {
                // the selector counts in milliseconds; an answer arriving meanwhile waits at most this long
                LockSupport.parkNanos(wait);
            }
        }

        private void send(HttpExchange exchange, int index, long due) throws IOException {
            inFlight++;
            if (!exchange.send(index, due, requests[index])) {
                answered(exchange, -1);
            }
        }

        private void ready(HttpExchange exchange, SelectionKey key) throws IOException {
            if (!key.isValid()) {
                return;
            }
            int status = key.isWritable() ? exchange.writeMore() : exchange.read();
            if (status == HttpExchange.CLOSED && exchange.resend()) {
                return;
            }
            if (status != HttpExchange.PENDING) {
                answered(exchange, status == HttpExchange.CLOSED ? -1 : status);
            }
        }

        private void answered(HttpExchange exchange, int status) {
            inFlight--;
            record(status, 1, System.nanoTime(), exchange);
            idle.add(exchange);
        }

        private void record(int status, int count, long now, HttpExchange exchange) {
            statuses.merge(status, (long) count, Long::sum);
            if (exchange != null) {
                latency.recordValue(Math.min(latency.getHighestTrackableValue(), Math.max(0, now - exchange.due())));
                if (status == 200) {
                    answeredMicros[exchange.index()] = RowLatency.nowMicros();
                }
            }
        }
    }
}
