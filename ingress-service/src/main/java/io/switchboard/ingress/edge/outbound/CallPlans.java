package io.switchboard.ingress.edge.outbound;

import io.switchboard.events.RoutingEntry;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.routing.Decision;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a call out will be, from the routing table alone: the caller id (a routed number of the key's tenant, or one of
 * the campaign's), the trunk its routing entry names (its campaign's, else its own; routing-service publishes active
 * trunks only), and the agent: the one asked for, which must be an agent of the tenant (one its numbers route to, or its
 * default) or the system default; else the caller id's own.
 */
@Component
class CallPlans {
    record Plan(String toE164, RoutingEntry callerId, String trunkId, Decision decision) {
    }

    private final RoutingTable table;
    private final PhoneNumbers numbers;
    private final IngressProperties ingress;

    CallPlans(RoutingTable table, PhoneNumbers numbers, IngressProperties ingress) {
        this.table = table;
        this.numbers = numbers;
        this.ingress = ingress;
    }

    Plan plan(Credential caller, OutboundCallRequest request) {
        String to = Fields.e164(numbers, "to_number", request.toNumber());
        RoutingEntry from = callerId(caller, request);
        if (from.getOutboundTrunkId() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "no_active_trunk", "the caller id " + from.getPhoneNumber()
                    + " has no active outbound trunk: give its campaign or the number a sip_trunk_id of an active trunk");
        }
        Decision decision = request.agentName() == null
                ? new Decision(from.getAgentName(), from.getRoutingRule(), from)
                : new Decision(knownAgent(from, request.agentName()), Decision.REQUESTED_AGENT, from);
        return new Plan(to, from, from.getOutboundTrunkId(), decision.withCustom(request.metadata()));
    }

    private RoutingEntry callerId(Credential caller, OutboundCallRequest request) {
        if (request.fromNumber() != null) {
            String from = Fields.e164(numbers, "from_number", request.fromNumber());
            RoutingEntry entry = table.lookup(from).filter(e -> caller.sees(e.getTenantId()))
                    .orElseThrow(() -> unprocessable("unknown_caller_id", "from_number " + from + " is not a routed number of your tenant"));
            if (request.campaignId() != null && !request.campaignId().equals(entry.getCampaignId())) {
                throw unprocessable("caller_id_not_in_campaign", "from_number " + from + " is not a number of campaign "
                        + request.campaignId());
            }
            return entry;
        }
        return tenantEntries(caller).filter(e -> request.campaignId().equals(e.getCampaignId()))
                .filter(e -> e.getOutboundTrunkId() != null).findFirst()
                .or(() -> tenantEntries(caller).filter(e -> request.campaignId().equals(e.getCampaignId())).findFirst())
                .orElseThrow(() -> ApiException.notFound("campaign with a routed number", request.campaignId()));
    }

    private String knownAgent(RoutingEntry from, String agent) {
        boolean known = agent.equals(ingress.systemDefaultAgent()) || agent.equals(from.getTenantDefaultAgent())
                || table.entries().filter(e -> from.getTenantId().equals(e.getTenantId()))
                .anyMatch(e -> agent.equals(e.getAgentName()) || agent.equals(e.getTenantDefaultAgent()));
        if (!known) {
            throw unprocessable("unknown_agent", "agent_name " + agent + " is not an agent of your tenant (one its numbers"
                    + " route to, or its default) nor the system default");
        }
        return agent;
    }

    private Stream<RoutingEntry> tenantEntries(Credential caller) {
        return table.entries().filter(Objects::nonNull).filter(e -> caller.sees(e.getTenantId()));
    }

    private static ApiException unprocessable(String code, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, message);
    }
}
