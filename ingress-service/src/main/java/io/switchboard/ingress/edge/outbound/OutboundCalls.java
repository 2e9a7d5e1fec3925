package io.switchboard.ingress.edge.outbound;

import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.CampaignSlots;
import io.switchboard.ingress.livekit.WebParticipants;
import io.switchboard.platform.access.Credential;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Places a call out: its plan from the routing table, a slot of its campaign's max_concurrent (when the campaign has
 * one), its start made durable (source and direction {@code outbound}), then the answer at once while the dial goes on
 * ({@link Dials}). A start that cannot be made durable gives its slot back and dials nothing.
 */
@Component
@EnableConfigurationProperties(OutboundProperties.class)
class OutboundCalls {
    static final String ROOM_PREFIX = "outbound_";

    private final CallPlans plans;
    private final CampaignSlots slots;
    private final CallStarts callStarts;
    private final Dials dials;
    private final OutboundProperties properties;

    OutboundCalls(CallPlans plans, CampaignSlots slots, CallStarts callStarts, Dials dials, OutboundProperties properties) {
        this.plans = plans;
        this.slots = slots;
        this.callStarts = callStarts;
        this.dials = dials;
        this.properties = properties;
    }

    Mono<Map<String, Object>> place(Credential caller, OutboundCallRequest request) {
        CallPlans.Plan plan = plans.plan(caller, request);
        String callId = ROOM_PREFIX + UUID.randomUUID();
        Call call = new Call(callId, callId, plan.trunkId(), plan.callerId().getPhoneNumber(),
                plan.callerId().getPhoneNumber(), plan.toE164(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                EventSource.outbound);
        String campaign = plan.callerId().getCampaignMaxConcurrent() == null ? null : plan.callerId().getCampaignId();
        Mono<Void> slot = campaign == null ? Mono.empty()
                : slots.take(campaign, callId, properties.maxCallDuration().plus(properties.ringingTimeout()));
        return slot.then(Mono.defer(() -> callStarts.start(call, plan.decision())))
                .onErrorResume(e -> !(e instanceof CampaignSlots.Busy || e instanceof CampaignSlots.Unavailable),
                        e -> release(campaign, callId).then(Mono.error(e)))
                .doOnNext(answer -> dials.dial(call, plan, answer, attributes(call, plan, answer), campaign))
                .map(answer -> accepted(call, answer));
    }

    private Mono<Void> release(String campaign, String callId) {
        return campaign == null ? Mono.empty() : slots.release(campaign, callId);
    }

    /** What LiveKit puts on the callee's participant, so that its departure finds the call on any instance. */
    private static Map<String, String> attributes(Call call, CallPlans.Plan plan, Answer answer) {
        Map<String, String> a = WebParticipants.attributes(call.callId(), answer.agentName(), answer.rule(),
                plan.decision().tenantId(), plan.decision().campaignId(), call.toE164());
        a.put(WebParticipants.DIRECTION, CallStarts.OUTBOUND);
        a.put(WebParticipants.FROM, call.fromE164());
        if (plan.callerId().getCampaignMaxConcurrent() != null && plan.decision().campaignId() != null) {
            a.put(WebParticipants.SLOT, "true");
        }
        return a;
    }

    private static Map<String, Object> accepted(Call call, Answer answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("call_id", call.callId());
        out.put("room_name", call.roomName());
        out.put("status", "dialing");
        out.put("from_number", call.fromE164());
        out.put("to_number", call.toE164());
        out.put("agent_name", answer.agentName());
        out.put("started_at", call.occurredAt().toString());
        return out;
    }
}
