package io.switchboard.stack;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a readiness probe until it holds, the owning process dies, or time runs out. */
public final class Await {
    private static final long POLL_MILLIS = 200;

    private Await() {
    }

    public static void ready(String what, ManagedProcess process, Duration timeout, Callable<Boolean> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new StackStartException(what + " exited during start-up; its log ("
                        + process.log() + ") ends:\n" + process.logTail());
            }
            try {
                if (probe.call()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for " + what, e);
            }
        }
        throw new StackStartException(what + " was not ready within " + timeout
                + (last == null ? "" : " (last probe: " + last + ")")
                + (process == null ? "" : "; its log ends:\n" + process.logTail()));
    }
}
