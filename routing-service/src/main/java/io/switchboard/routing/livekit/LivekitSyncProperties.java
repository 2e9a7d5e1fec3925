package io.switchboard.routing.livekit;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url                LiveKit's API (LIVEKIT_URL); blank: the sync is off
 * @param apiKey             the key the sync signs its requests with (LIVEKIT_API_KEY), with {@code apiSecret}
 * @param timeout            one request to LiveKit, all of it
 * @param inboundTrunkId     an inbound trunk made by hand (LIVEKIT_INBOUND_TRUNK_ID) that every rule names; blank:
 *                           Switchboard manages one trunk per partition of routing.entries
 * @param roomPrefix         calls get rooms named {@code <prefix>_<caller>_<random>}
 * @param unknownNumbers     {@code default-agent}: a catch-all rule sends numbers without a rule to the system default
 *                           agent; {@code reject}: no catch-all
 * @param reconcileInterval  how often everything is listed and repaired
 * @param maxBackoff         the longest pause between attempts while LiveKit is unavailable
 * @param trunkAllowedAddresses the carriers' addresses (IPs, CIDR ranges) the managed trunks accept calls from; empty:
 *                           any (then only a firewall, or a login, keeps others off LiveKit's SIP port)
 * @param trunkAuthUsername  a SIP digest login the managed trunks ask for (with {@code trunkAuthPassword}); blank: none
 */
@ConfigurationProperties("switchboard.livekit")
public record LivekitSyncProperties(String url, @DefaultValue("devkey") String apiKey, @DefaultValue("secret") String apiSecret,
                                    @DefaultValue("5s") Duration timeout, String inboundTrunkId,
                                    @DefaultValue("call") String roomPrefix,
                                    @DefaultValue("default-agent") String unknownNumbers,
                                    @DefaultValue("5m") Duration reconcileInterval,
                                    @DefaultValue("5s") Duration maxBackoff,
                                    @DefaultValue List<String> trunkAllowedAddresses, String trunkAuthUsername,
                                    String trunkAuthPassword) {

    boolean enabled() {
        return url != null && !url.isBlank();
    }
}
