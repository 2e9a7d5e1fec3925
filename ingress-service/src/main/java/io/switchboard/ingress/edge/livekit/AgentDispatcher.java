package io.switchboard.ingress.edge.livekit;

import io.switchboard.platform.logging.CallLogs;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.livekit.server.AgentDispatchServiceClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.livekit.LivekitApiProperties;
import io.switchboard.ingress.livekit.LivekitCalls;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import livekit.LivekitAgentDispatch.AgentDispatch;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Makes sure the routed agent is in a SIP call's room, once: if LiveKit's dispatch rule already sent it (the room's
 * dispatches name it), nothing is done; else it is dispatched with the call's metadata. Repeats of one join on this
 * instance share one attempt; on other instances they find the dispatch in the room's list. Two instances racing
 * past the list both create one, then both list again and keep only the one with the lowest id, so one remains. Within
 * {@code dispatchDeadline}, else {@code failed}: a slow or absent LiveKit never holds the webhook longer than that.
 */
@Component
@EnableConfigurationProperties(LivekitApiProperties.class)
class AgentDispatcher {
    static final String DISPATCH_RULE = "dispatch_rule";
    static final String WEBHOOK = "webhook";
    static final String NONE = "none";
    static final String FAILED = "failed";
    private static final Logger log = LoggerFactory.getLogger(AgentDispatcher.class);

    record Outcome(String how, String dispatchId) {
    }

    private final AgentDispatchServiceClient client;
    private final LivekitApiProperties properties;
    private final MeterRegistry meters;
    private final Cache<String, Mono<Outcome>> inFlight;

    AgentDispatcher(LivekitApiProperties properties, IngressProperties ingress, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.inFlight = Caffeine.newBuilder().expireAfterWrite(ingress.rememberCalls()).maximumSize(100_000).build();
        if (properties.enabled()) {
            OkHttpClient http = new OkHttpClient.Builder().callTimeout(properties.requestTimeout()).build();
            this.client = AgentDispatchServiceClient.createClient(properties.url().replaceFirst("^ws", "http"),
                    ingress.livekitApiKey(), ingress.livekitApiSecret(), () -> http);
        } else {
            this.client = null;
            log.info("LIVEKIT_URL is not set: agents are not dispatched on a SIP join (calls record dispatch: none)");
        }
    }

    Mono<Outcome> ensure(String room, String agent, String metadata, String callId) {
        if (client == null) {
            return Mono.just(new Outcome(NONE, null));
        }
        return inFlight.get(room, r -> attempt(room, agent, metadata, callId).cache());
    }

    private Mono<Outcome> attempt(String room, String agent, String metadata, String callId) {
        return list(room, agent)
                .flatMap(found -> found.isEmpty() ? create(room, agent, metadata, callId) : Mono.just(outcome(found, callId)))
                .retryWhen(Retry.backoff(3, Duration.ofMillis(100)).filter(e -> e instanceof LivekitCalls.Unavailable))
                .timeout(properties.dispatchDeadline())
                .onErrorResume(e -> {
                    CallLogs.about(log.atWarn(), null, room).log("agent {} not dispatched to room {}: {}", agent, room,
                            e instanceof TimeoutException ? "LiveKit did not answer within " + properties.dispatchDeadline() : e.toString());
                    return Mono.just(new Outcome(FAILED, null));
                })
                .doOnNext(o -> meters.counter("switchboard.ingress.livekit.dispatch", "outcome", o.how()).increment());
    }

    /** Creates the dispatch, then keeps one: a rule's if one appeared meanwhile, else this call's with the lowest id. */
    private Mono<Outcome> create(String room, String agent, String metadata, String callId) {
        return LivekitCalls.send(() -> client.createDispatch(room, agent, metadata))
                .then(list(room, agent))
                .flatMap(all -> {
                    Outcome kept = outcome(all, callId);
                    List<AgentDispatch> surplus = all.stream().filter(d -> !d.getId().equals(kept.dispatchId()))
                            .filter(d -> ours(d, callId)).toList();
                    return Mono.when(surplus.stream().map(d -> LivekitCalls.send(() -> client.deleteDispatch(room, d.getId())).then()
                                    .onErrorResume(e -> surplusKept(room, d, e))).toList())
                            .thenReturn(kept);
                });
    }

    /** A surplus dispatch another instance deleted first is gone all the same; one that could not be deleted is logged. */
    private static Mono<Void> surplusKept(String room, AgentDispatch surplus, Throwable e) {
        if (!(e instanceof LivekitCalls.Missing)) {
            CallLogs.about(log.atWarn(), null, room).log("a second dispatch {} of agent {} in room {} could not be deleted: {}", surplus.getId(),
                    surplus.getAgentName(), room, e.toString());
        }
        return Mono.empty();
    }

    private Mono<List<AgentDispatch>> list(String room, String agent) {
        return LivekitCalls.send(() -> client.listDispatch(room))
                .map(all -> all.stream().filter(d -> d.getAgentName().equals(agent)).toList());
    }

    /** A rule's dispatch wins; among this call's own, the lowest id (every instance picks the same one). */
    private static Outcome outcome(List<AgentDispatch> found, String callId) {
        return found.stream().filter(d -> !ours(d, callId)).min(Comparator.comparing(AgentDispatch::getId))
                .map(d -> new Outcome(DISPATCH_RULE, d.getId()))
                .orElseGet(() -> new Outcome(WEBHOOK, found.stream().map(AgentDispatch::getId).min(Comparator.naturalOrder())
                        .orElseThrow()));
    }

    /** Dispatches made on a join carry the call id in their metadata; a rule cannot know it. */
    private static boolean ours(AgentDispatch d, String callId) {
        return d.getMetadata().contains("\"call_id\":\"" + callId + "\"");
    }
}
