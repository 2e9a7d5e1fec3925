package io.switchboard.platform.loop;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a piece of work at every poll interval and whenever woken (a change committed), one run at a time;
 * wake-ups during a run collapse into one more run. The work handles its own failures: an error it lets
 * through would end the loop.
 */
public final class WakeableLoop implements SmartLifecycle {
    private final Duration pollInterval;
    private final Supplier<Mono<?>> work;
    private final Sinks.Many<Boolean> wakeups = Sinks.many().multicast().directBestEffort();
    private volatile Disposable loop;

    public WakeableLoop(Duration pollInterval, Supplier<Mono<?>> work) {
        this.pollInterval = pollInterval;
        this.work = work;
    }

    /** Something committed: run soon rather than at the next poll. */
    public void wake() {
        wakeups.tryEmitNext(Boolean.TRUE);
    }

    @Override
    public void start() {
        loop = Flux.merge(Flux.interval(pollInterval).map(tick -> Boolean.TRUE), wakeups.asFlux())
                .onBackpressureLatest()
                .concatMap(tick -> work.get(), 1)
                .subscribeOn(Schedulers.single())
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
