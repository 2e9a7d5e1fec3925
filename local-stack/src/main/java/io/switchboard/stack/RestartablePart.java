package io.switchboard.stack;

import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A part of the stack that can crash and come back: {@link #kill()} ends its process tree with SIGKILL (no
 * shutdown hook, no flush: what a power cut to one process looks like), {@link #start()} starts it again on
 * the same data and ports and returns once it is ready. The chaos run drives these.
 */
public final class RestartablePart<T extends AutoCloseable> implements AutoCloseable {
    private final String name;
    private final Callable<T> starter;
    private final Function<T, ProcessHandle> process;
    private T current;

    RestartablePart(String name, T started, Callable<T> starter, Function<T, ProcessHandle> process) {
        this.name = name;
        this.current = started;
        this.starter = starter;
        this.process = process;
    }

    String name() {
        return name;
    }

    synchronized T current() {
        return current;
    }

    synchronized void kill() {
        if (current == null) {
            throw new IllegalStateException(name + " is not running");
        }
        ManagedProcess.killTree(process.apply(current));
        try {
            current.close(); // releases what the dead process leaves behind in this JVM (locks, handles)
        } catch (Exception ignored) {
            // it is dead already: stopping it politely is expected to fail
        }
        current = null;
    }

    /** Sends a signal to its process tree: {@code STOP} freezes it (ports open, nothing answered), {@code CONT} resumes. */
    synchronized void signal(String signal) {
        if (current == null) {
            throw new IllegalStateException(name + " is not running");
        }
        ManagedProcess.signalTree(process.apply(current), signal);
    }

    /** Stops it politely (SIGTERM, its shutdown hooks run; SIGKILL after a grace period). */
    synchronized void stop() throws Exception {
        if (current == null) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            current.close();
        } finally {
            current = null;
        }
    }

    synchronized boolean running() {
        return current != null;
    }

    synchronized void start() throws Exception {
        if (current != null) {
            throw new IllegalStateException(name + " is running already");
        }
        current = starter.call();
    }

    @Override
    public synchronized void close() throws Exception {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
