package io.switchboard.ingress.edge.telnyx;

import io.switchboard.events.RoutingEntry;
import io.switchboard.ingress.livekit.LivekitApiProperties;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What to configure on Telnyx's side and on LiveKit's for the Telnyx edge (admin keys only): the webhook URL, the SIP
 * URI calls are bridged to and the LiveKit trunk and rule that put each bridged call into its own room, whether this
 * instance can verify and command, and the numbers routed to Telnyx (tenant keys see their own).
 */
@RestController
class TelnyxSetup {
    static final String PATH = "/api/v1/telnyx/setup";

    private final TelnyxProperties properties;
    private final LivekitApiProperties livekit;
    private final RoutingTable table;

    TelnyxSetup(TelnyxProperties properties, LivekitApiProperties livekit, RoutingTable table) {
        this.properties = properties;
        this.livekit = livekit;
        this.table = table;
    }

    @GetMapping(PATH)
    Map<String, Object> setup(Credential caller, ServerHttpRequest request) {
        if (caller.role() != Credential.Role.ADMIN) {
            throw ApiException.forbidden("the Telnyx setup needs an admin key");
        }
        String webhook = UriComponentsBuilder.fromUri(request.getURI()).replacePath(TelnyxWebhookController.PATH)
                .replaceQuery(null).build().toUriString();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_url", webhook);
        out.put("webhook_api_version", "2");
        out.put("signature_verification", properties.enabled() ? "on" : "off: set TELNYX_PUBLIC_KEY");
        out.put("commands", properties.apiKey() == null || properties.apiKey().isBlank()
                ? "off: set TELNYX_API_KEY" : "on, to " + properties.apiUrl());
        out.put("bridge_to", livekit.sipHost().isBlank() ? "unset: set LIVEKIT_SIP_URI"
                : "sip:" + TelnyxCalls.ROOM_PREFIX + "<call leg id>@" + livekit.sipHost());
        out.put("livekit", Map.of(
                "inbound_trunk", "one trunk admitting Telnyx's SIP signalling addresses, with no numbers (the callee is the room)",
                "dispatch_rule", Map.of("type", "callee", "room_prefix", "", "randomize", false,
                        "agents", "none: the room is created with its agent before the transfer")));
        List<Map<String, String>> numbers = table.entries()
                .filter(e -> "TELNYX".equalsIgnoreCase(String.valueOf(e.getProvider())))
                .filter(e -> caller.sees(e.getTenantId()))
                .map(TelnyxSetup::number).sorted((a, b) -> a.get("phone_number").compareTo(b.get("phone_number"))).toList();
        out.put("numbers", numbers);
        out.put("numbers_note", "assign each to the Call Control application whose webhook URL is webhook_url");
        return out;
    }

    private static Map<String, String> number(RoutingEntry e) {
        return Map.of("phone_number", e.getPhoneNumber(), "tenant_id", e.getTenantId(), "agent_name", e.getAgentName());
    }
}
