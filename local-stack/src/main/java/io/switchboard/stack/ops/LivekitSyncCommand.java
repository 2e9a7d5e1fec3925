package io.switchboard.stack.ops;

import io.switchboard.events.EventSerdes;
import io.switchboard.livekit.LivekitConnection;
import io.switchboard.livekit.SyncPlan;
import io.switchboard.livekit.SyncSettings;
import io.switchboard.livekit.TrunkAccess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the LiveKit sync would change in LiveKit now, for every partition of routing.entries, without changing
 * anything: like {@code terraform plan}. The sync itself runs inside routing-service (LIVEKIT_URL).
 */
@Command(name = "livekit-sync", mixinStandardHelpOptions = true,
        description = "Print what the LiveKit sync (it runs in routing-service) would create, change and delete in "
                + "LiveKit's SIP trunks and dispatch rules now. Changes nothing.")
public final class LivekitSyncCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, description = "Print the plan (the only mode: the sync applies it).")
    boolean plan;
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092") String bootstrap;
    @Option(names = "--registry-url", defaultValue = "http://127.0.0.1:8085", description = "Base URL of the registry.")
    String registryUrl;
    @Option(names = "--livekit-url", defaultValue = "${env:LIVEKIT_URL}", required = true,
            description = "LiveKit's API (default: LIVEKIT_URL).") String livekitUrl;
    @Option(names = "--api-key", defaultValue = "${env:LIVEKIT_API_KEY:-devkey}") String apiKey;
    @Option(names = "--api-secret", defaultValue = "${env:LIVEKIT_API_SECRET:-secret}") String apiSecret;
    @Option(names = "--inbound-trunk-id", defaultValue = "${env:LIVEKIT_INBOUND_TRUNK_ID:-}",
            description = "As routing-service's LIVEKIT_INBOUND_TRUNK_ID: blank when Switchboard manages its trunks.")
    String inboundTrunkId;
    @Option(names = "--unknown-numbers", defaultValue = "default-agent",
            description = "default-agent (a catch-all rule) or reject (none), as routing-service's setting.")
    String unknownNumbers;
    @Option(names = "--system-default-agent", defaultValue = "telephony-agent") String systemDefaultAgent;
    @Option(names = "--room-prefix", defaultValue = "call") String roomPrefix;
    @Option(names = "--trunk-allowed-addresses", split = ",", defaultValue = "${env:LIVEKIT_TRUNK_ALLOWED_ADDRESSES:-}",
            description = "As routing-service's LIVEKIT_TRUNK_ALLOWED_ADDRESSES.") java.util.List<String> allowedAddresses;
    @Option(names = "--trunk-auth-username", defaultValue = "${env:LIVEKIT_TRUNK_AUTH_USERNAME:-}") String authUsername;
    @Option(names = "--trunk-auth-password", defaultValue = "${env:LIVEKIT_TRUNK_AUTH_PASSWORD:-}") String authPassword;

    @Override
    public Integer call() {
        Map<String, Object> kafka = new HashMap<>(EventSerdes.consumer(registryUrl));
        kafka.put("bootstrap.servers", bootstrap);
        SyncSettings settings = new SyncSettings(inboundTrunkId, roomPrefix,
                "reject".equalsIgnoreCase(unknownNumbers) ? null : systemDefaultAgent, Duration.ofMinutes(5), Duration.ofSeconds(5),
                new TrunkAccess(allowedAddresses, authUsername, authPassword));
        SyncPlan result = SyncPlan.compute(kafka, new LivekitConnection(livekitUrl, apiKey, apiSecret, Duration.ofSeconds(30)),
                settings, Duration.ofMinutes(2));
        System.out.print(result.render());
        return 0;
    }
}
