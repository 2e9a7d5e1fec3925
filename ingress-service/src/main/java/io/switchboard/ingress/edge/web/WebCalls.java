package io.switchboard.ingress.edge.web;

import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanPublishSources;
import io.livekit.server.CanSubscribe;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.switchboard.events.EventSource;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.UnansweredCalls;
import io.switchboard.ingress.livekit.WebParticipants;
import io.switchboard.ingress.routing.Decision;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitRoom.RoomConfiguration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Issues a web call: the agent (named, or chosen by a number's or a campaign's routing, within the key's tenant), the
 * call's start made durable (source and direction {@code web}), and a token for one room that publishes audio only,
 * lives {@code tokenTtl}, carries attributes naming the call (so its join and departure find it), and whose room
 * configuration dispatches the agent with the call's metadata as the room starts: no request to LiveKit here.
 */
@Component
class WebCalls {
    static final String ROOM_PREFIX = "web_";

    private final CallStarts callStarts;
    private final RoutingTable table;
    private final PhoneNumbers numbers;
    private final IngressProperties ingress;
    private final WebCallProperties properties;
    private final UnansweredCalls unanswered;

    WebCalls(CallStarts callStarts, RoutingTable table, PhoneNumbers numbers, IngressProperties ingress,
             WebCallProperties properties, UnansweredCalls unanswered) {
        this.unanswered = unanswered;
        this.callStarts = callStarts;
        this.table = table;
        this.numbers = numbers;
        this.ingress = ingress;
        this.properties = properties;
    }

    Mono<Map<String, Object>> issue(Credential caller, WebCallRequest request) {
        String tenant = caller.tenantFilter(request.tenantId());
        String to = request.phoneNumber() == null ? "" : Fields.e164(numbers, "phone_number", request.phoneNumber());
        Decision decision = decide(caller, tenant, to, request);
        String callId = ROOM_PREFIX + UUID.randomUUID();
        String identity = request.callerIdentity() != null ? request.callerIdentity()
                : "web-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Call call = new Call(callId, callId, null, null, WebParticipants.CALLER_PREFIX + identity, to, now, EventSource.web);
        return callStarts.start(call, decision)
                .doOnNext(answer -> unanswered.expect(call, now.plus(properties.tokenTtl())))
                .map(answer -> answer(call, identity, decision, answer, now));
    }

    /** Who answers: the named agent, else the number's routing, else the campaign's (as any of its numbers routes). */
    private Decision decide(Credential caller, String tenant, String to, WebCallRequest request) {
        if (!to.isEmpty()) {
            var entry = table.lookup(to).filter(e -> caller.sees(e.getTenantId()))
                    .orElseThrow(() -> ApiException.unknownNumber(to));
            Decision routed = new Decision(request.agentName() != null ? request.agentName() : entry.getAgentName(),
                    request.agentName() != null ? Decision.REQUESTED_AGENT : entry.getRoutingRule(), entry);
            return routed.withCustom(request.metadata());
        }
        if (request.agentName() == null) {
            var entry = table.entries().filter(e -> request.campaignId().equals(e.getCampaignId()))
                    .filter(e -> caller.sees(e.getTenantId())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("campaign with a routed number", request.campaignId()));
            return Decision.requested(entry.getAgentName(), entry.getTenantId(), entry.getCampaignId(), request.metadata());
        }
        if (tenant == null) {
            throw ApiException.missingField("tenant_id");
        }
        return Decision.requested(request.agentName(), tenant, request.campaignId(), request.metadata());
    }

    private Map<String, Object> answer(Call call, String identity, Decision decision, Answer answer, Instant now) {
        AccessToken token = new AccessToken(ingress.livekitApiKey(), ingress.livekitApiSecret());
        token.setIdentity(identity);
        token.setName(identity);
        token.setTtl(properties.tokenTtl().toMillis());
        token.addGrants(new RoomJoin(true), new RoomName(call.roomName()), new CanPublish(true),
                new CanPublishSources(List.of("microphone")), new CanSubscribe(true), new CanPublishData(true));
        token.getAttributes().putAll(WebParticipants.attributes(call.callId(), answer.agentName(), answer.rule(),
                decision.tenantId(), decision.campaignId(), call.toE164()));
        token.setRoomConfiguration(RoomConfiguration.newBuilder()
                .setEmptyTimeout((int) properties.roomEmptyTimeout().toSeconds())
                .addAgents(RoomAgentDispatch.newBuilder().setAgentName(answer.agentName()).setMetadata(answer.metadata()))
                .build());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("call_id", call.callId());
        out.put("server_url", properties.browserUrl());
        out.put("room_name", call.roomName());
        out.put("participant_identity", identity);
        out.put("participant_token", token.toJwt());
        out.put("expires_at", now.plus(properties.tokenTtl()).toString());
        out.put("agent_name", answer.agentName());
        return out;
    }
}
