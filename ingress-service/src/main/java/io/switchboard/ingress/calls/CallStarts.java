package io.switchboard.ingress.calls;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.CallStarted;
import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.callers.Callers;
import io.switchboard.ingress.callers.KnownCaller;
import io.switchboard.ingress.delivery.DurableEmitter;
import io.switchboard.ingress.routing.CallRouter;
import io.switchboard.ingress.routing.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * One durable call.started per call id. The first delivery routes the call and emits the event; a
 * repeat (or LiveKit's participant_joined for the same call) gets the same answer and the same event,
 * as long as this instance remembers the call. The event id is derived from the call id, so even a
 * repeat this instance has forgotten carries the same id for consumers to de-duplicate.
 */
@Component
public class CallStarts {
    /** A call's direction: dialled in, joined from a browser with a web-call token, or dialled out. */
    public static final String INBOUND = "inbound";
    public static final String WEB = "web";
    public static final String OUTBOUND = "outbound";
    private final CallRouter router;
    private final DurableEmitter emitter;
    private final ObjectMapper json;

    /** An emission in flight: what it sent that the answer repeats, for the answer and for repeats meanwhile. */
    private record Routed(Decision decision, String metadata, String eventId, KnownCaller caller) {
    }

    /** A call answered: its decision and its caller's lead as they were then, both objects shared with the tables. */
    private record Remembered(Decision decision, KnownCaller caller) {
    }

    /**
     * A call's {@code Mono<Routed>} while in flight, then a {@link Remembered} of shared objects (24 bytes of its own). A
     * repeat rebuilds the metadata text from the same call fields, decision and lead, so it gets the same answer even
     * after this very call has changed the caller's lead.
     */
    private final RecentCalls<Object> answered;
    private final Callers callers;
    private final MeterRegistry meters;
    private final java.util.concurrent.ConcurrentMap<String, io.micrometer.core.instrument.Counter> started =
            new java.util.concurrent.ConcurrentHashMap<>();

    CallStarts(CallRouter router, DurableEmitter emitter, ObjectMapper json, IngressProperties properties,
               Callers callers, MeterRegistry meters) {
        this.meters = meters;
        this.router = router;
        this.emitter = emitter;
        this.json = json;
        this.callers = callers;
        this.answered = new RecentCalls<>(properties.rememberCalls(), properties.rememberMax(), System::nanoTime);
    }

    public static String eventId(String callId) {
        return UUID.nameUUIDFromBytes(("call.started/" + callId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The SIP caller's join of a call this instance already started (sip-inbound answered it): one more report, with an
     * event id of its own, carrying the answer time and the dispatch; consumers merge it into the call by call id.
     */
    public Mono<Void> joined(Call call, Joined joined) {
        return joined(call, joined, () -> route(call, joined, eventId(call.callId() + "/joined")));
    }

    /** As {@link #joined(Call, Joined)}, for a call whose agent its requester chose (a web call): no routing. */
    public Mono<Void> joined(Call call, Joined joined, Decision decision) {
        return joined(call, joined, () -> emit(call, decision, joined, eventId(call.callId() + "/joined")));
    }

    private Mono<Void> joined(Call call, Joined joined, java.util.function.Supplier<Mono<Routed>> first) {
        String key = call.callId() + "/joined";
        Object held = answered.get(key, id -> first.get().cache());
        return held instanceof Remembered ? Mono.empty() : ((Mono<?>) held)
                .doOnNext(routed -> answered.replace(key, held, remembered((Routed) routed)))
                .doOnError(e -> answered.remove(key, held)).then();
    }

    public boolean isKnown(String callId) {
        return answered.getIfPresent(callId) != null;
    }

    /** Routes and emits once; empty when the number is unknown and the policy rejects it (nothing emitted). */
    public Mono<Answer> start(Call call) {
        return start(call, (Joined) null);
    }

    /** As {@link #start(Call)}, for a call whose first report is the SIP caller's join (its answer and dispatch). */
    public Mono<Answer> start(Call call, Joined joined) {
        return once(call, () -> route(call, joined, eventId(call.callId())));
    }

    /** Starts a call whose agent was chosen by its requester (a web or outbound call), once per call id, as {@link #start(Call)}. */
    public Mono<Answer> start(Call call, Decision decision) {
        return once(call, () -> emit(call, decision, null, eventId(call.callId())));
    }

    private Mono<Answer> once(Call call, java.util.function.Supplier<Mono<Routed>> first) {
        Object held = answered.get(call.callId(), id -> first.get().doOnNext(routed -> counted(call, routed)).cache());
        if (held instanceof Remembered r) {
            return Mono.just(answer(r.decision(), metadata(r.decision(), call, r.caller()), eventId(call.callId()), call));
        }
        @SuppressWarnings("unchecked")
        Mono<Routed> inFlight = (Mono<Routed>) held;
        return inFlight
                .doOnNext(routed -> answered.replace(call.callId(), inFlight, remembered(routed)))
                .doOnError(e -> answered.remove(call.callId(), inFlight))
                .map(routed -> answer(routed.decision(), routed.metadata(), routed.eventId(), call));
    }

    /**
     * The answer a call would get now, emitting nothing and remembering nothing (the dry run); empty when the number
     * is not routed and the policy rejects it, or when its tenant is not one that {@code tenantVisible} accepts.
     */
    public Optional<Answer> preview(Call call, Predicate<String> tenantVisible) {
        return router.route(call.toE164())
                .filter(d -> d.entry() == null || tenantVisible.test(d.entry().getTenantId()))
                .map(d -> answer(d, metadata(d, call, caller(d, call)), eventId(call.callId()), call));
    }

    /**
     * {@code switchboard.ingress.calls.started}: calls started (each once, when its event is durable) by edge and rule;
     * each pair's counter looked up once, not per call.
     */
    private void counted(Call call, Routed routed) {
        started.computeIfAbsent(call.source().name() + "/" + routed.decision().rule(), pair -> meters.counter(
                "switchboard.ingress.calls.started", "source", call.source().name(), "routing", routed.decision().rule()))
                .increment();
    }

    private static Remembered remembered(Routed routed) {
        return new Remembered(routed.decision(), routed.caller());
    }

    /** The caller's latest lead in the tenant the number routes to (none for an unknown number: no tenant). */
    private KnownCaller caller(Decision decision, Call call) {
        return callers.find(tenant(decision), person(call));
    }

    /** Whom the call is with: the caller, or the callee of a call out. */
    private static String person(Call call) {
        return call.source() == EventSource.outbound ? call.toE164() : call.fromE164();
    }

    private static String tenant(Decision decision) {
        return decision.tenantId();
    }

    private static Answer answer(Decision decision, String metadata, String eventId, Call call) {
        return new Answer(decision.agentName(), decision.rule(), metadata, attributes(call), eventId);
    }

    /** The routing audit trail, the number's agent configuration and who is calling (DispatchMetadata). */
    private String metadata(Decision decision, Call call, KnownCaller caller) {
        Map<String, Object> m = decision.metadata(call.callId(), call.fromE164(), call.toE164());
        if (call.source() == EventSource.web || call.source() == EventSource.outbound) {
            m.put("call_type", direction(call));
        }
        return json.writeValueAsString(DispatchMetadata.withCaller(m,
                caller == null ? null : caller.context(tenant(decision), person(call))));
    }

    private static Map<String, String> attributes(Call call) {
        return DispatchMetadata.attributes(call.toE164(), call.fromE164());
    }

    private Mono<Routed> route(Call call, Joined joined, String eventId) {
        return Mono.defer(() -> router.route(call.toE164()).map(decision -> emit(call, decision, joined, eventId))
                .orElse(Mono.empty()));
    }

    private Mono<Routed> emit(Call call, Decision decision, Joined joined, String eventId) {
        return Mono.defer(() -> {
            KnownCaller caller = caller(decision, call);
            String metadata = metadata(decision, call, caller);
            RoutingFacts facts = RoutingFacts.of(decision);
            CallStarted event = CallStarted.newBuilder()
                    .setEventId(eventId).setOccurredAt(call.occurredAt()).setReceivedAt(Instant.now())
                    .setSource(call.source()).setCallId(call.callId()).setRoomName(call.roomName())
                    .setTrunkId(call.trunkId()).setTrunkPhoneNumber(call.trunkPhoneNumber())
                    .setFromNumber(call.fromE164()).setToNumber(call.toE164())
                    .setAgentName(decision.agentName()).setRoutingRule(decision.rule())
                    .setTenantId(facts.tenantId()).setCampaignId(facts.campaignId())
                    .setPhoneNumberId(facts.phoneNumberId()).setRoutingEntryVersion(facts.version())
                    .setMetadata(metadata)
                    .setAnsweredAt(joined == null ? null : joined.at())
                    .setDispatch(joined == null ? null : joined.dispatch())
                    .setDispatchId(joined == null ? null : joined.dispatchId())
                    .setDirection(direction(call)).build();
            return emitter.emit(Topics.CALL_STARTED, call.roomName(), event)
                    .thenReturn(new Routed(decision, metadata, eventId, caller));
        });
    }

    private static String direction(Call call) {
        return switch (call.source()) {
            case web -> WEB;
            case outbound -> OUTBOUND;
            default -> INBOUND;
        };
    }

    private record RoutingFacts(String tenantId, String campaignId, String phoneNumberId, Long version) {
        static RoutingFacts of(Decision d) {
            return d.entry() == null ? new RoutingFacts(d.tenantId(), d.campaignId(), null, null)
                    : new RoutingFacts(d.entry().getTenantId(), d.entry().getCampaignId(), d.entry().getPhoneNumberId(),
                    d.entry().getVersion());
        }
    }
}
