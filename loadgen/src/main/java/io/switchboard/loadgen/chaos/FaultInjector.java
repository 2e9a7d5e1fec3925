package io.switchboard.loadgen.chaos;

import io.switchboard.stack.ChaosStack;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Kills the stack's parts one after another, each at a random moment (a random pause after the previous one
 * was back), keeps it down for a random while, then starts it again and waits until it is ready: one fault at
 * a time, so that every fault is one a production cluster must survive alone.
 */
final class FaultInjector implements Runnable {
    /** One fault: when (seconds into the load) the part was killed, how long it was down, how long its restart took. */
    record Fault(String part, double killedAtSeconds, Duration down, Duration restart, String error) {
    }

    private final ChaosStack stack;
    private final List<String> order;
    private final Random random;
    private final Duration maxPause;
    private final Duration maxDown;
    private final Consumer<String> log;
    private final long origin = System.nanoTime();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile boolean done;
    private volatile long lastRecovered = System.nanoTime();

    FaultInjector(ChaosStack stack, List<String> order, Random random, Duration maxPause, Duration maxDown,
                  Consumer<String> log) {
        this.stack = stack;
        this.order = order;
        this.random = random;
        this.maxPause = maxPause;
        this.maxDown = maxDown;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            for (String part : order) {
                pause(between(Duration.ofSeconds(1), maxPause));
                faults.add(inject(part));
                lastRecovered = System.nanoTime();
            }
        } finally {
            done = true;
        }
    }

    private Fault inject(String part) {
        double at = (System.nanoTime() - origin) / 1e9;
        stack.kill(part);
        Duration down = between(Duration.ofMillis(500), maxDown);
        log.accept(String.format("%6.1f s  kill -9 %s (down for %.1f s)", at, part, down.toMillis() / 1e3));
        pause(down);
        try {
            Duration restart = stack.restart(part);
            log.accept(String.format("%6.1f s  %s is back (ready %.1f s after its start)",
                    (System.nanoTime() - origin) / 1e9, part, restart.toMillis() / 1e3));
            return new Fault(part, at, down, restart, null);
        } catch (Exception e) {
            log.accept("restarting " + part + " failed: " + e.getMessage());
            return new Fault(part, at, down, Duration.ZERO, e.toString());
        }
    }

    private Duration between(Duration min, Duration max) {
        return min.plusMillis(random.nextLong(Math.max(1, max.minus(min).toMillis())));
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    boolean done() {
        return done;
    }

    /** System.nanoTime() when the last fault's part was ready again. */
    long lastRecovered() {
        return lastRecovered;
    }

    List<Fault> faults() {
        return List.copyOf(faults);
    }
}
