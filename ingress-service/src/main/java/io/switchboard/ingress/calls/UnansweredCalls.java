package io.switchboard.ingress.calls;

import io.switchboard.platform.logging.CallLogs;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ingress.livekit.LivekitRooms;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Calls that end as {@code no_answer} unless someone joins in time (a web call whose token is never used). At the
 * deadline, unless this instance saw the join, LiveKit is asked whether the call's room exists (a join another instance
 * saw): if not, the call ends {@code no_answer} at its deadline. Should a join have reached another instance of a call
 * that also ended before the deadline, its own departure is earlier and the call log keeps that one. Held in memory:
 * a restart forgets the deadlines (those calls stay ringing in the log).
 */
@Component
public class UnansweredCalls {
    /** The hang-up cause of a call nobody joined in time. */
    public static final String UNUSED = "switchboard_nobody_joined";
    private static final Logger log = LoggerFactory.getLogger(UnansweredCalls.class);

    private record Waiting(Call call, Instant deadline) {
    }

    private final Cache<String, Waiting> waiting;
    private final CallEnds ends;
    private final LivekitRooms rooms;
    private final MeterRegistry meters;

    UnansweredCalls(CallEnds ends, LivekitRooms rooms, MeterRegistry meters) {
        this.ends = ends;
        this.rooms = rooms;
        this.meters = meters;
        this.waiting = Caffeine.newBuilder().maximumSize(1_000_000).scheduler(Scheduler.systemScheduler())
                .expireAfter(Expiry.<String, Waiting>creating((id, w) -> Duration.between(Instant.now(), w.deadline())))
                .<String, Waiting>removalListener((id, w, cause) -> {
                    if (cause == RemovalCause.EXPIRED && w != null) {
                        expired(w);
                    }
                }).build();
    }

    /** {@code call} ends as no_answer at {@code deadline} unless {@link #answered} comes first. */
    public void expect(Call call, Instant deadline) {
        waiting.put(call.callId(), new Waiting(call, deadline));
    }

    public void answered(String callId) {
        waiting.invalidate(callId);
    }

    private void expired(Waiting w) {
        Call call = w.call();
        (rooms.enabled() ? rooms.exists(call.roomName()).onErrorReturn(false) : Mono.just(false))
                .flatMap(exists -> exists ? Mono.<Void>empty() : ends.callerLeft(new CallEnds.CallerLeft(
                        call.callId() + "/unanswered", w.deadline(), call.source(), call.roomName(), call.callId(), null,
                        null, call.fromE164(), call.toE164(), new Hangup(Hangup.NO_ANSWER, UNUSED, "switchboard", null)))
                        .doOnSuccess(v -> meters.counter("switchboard.ingress.calls.unanswered").increment()))
                .subscribe(null, e -> CallLogs.about(log.atWarn(), call.callId(), call.roomName()).log("call {} not recorded as unanswered: {}", call.callId(), e.toString()));
    }
}
