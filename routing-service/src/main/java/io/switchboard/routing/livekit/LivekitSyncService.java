package io.switchboard.routing.livekit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.Topics;
import io.switchboard.livekit.LivekitConnection;
import io.switchboard.livekit.LivekitSync;
import io.switchboard.livekit.SyncSettings;
import io.switchboard.livekit.TrunkAccess;
import io.switchboard.platform.access.AccessProperties;
import io.switchboard.platform.access.Secrets;
import io.switchboard.routing.RoutingProperties;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the LiveKit sync inside routing-service when LIVEKIT_URL is set: every replica joins the sync's consumer group
 * and keeps the rules and trunks of the partitions it owns. Exports the pending changes and the API calls made.
 */
@Component
@EnableConfigurationProperties(LivekitSyncProperties.class)
public class LivekitSyncService implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LivekitSyncService.class);

    private final LivekitSyncProperties properties;
    private final RoutingProperties routing;
    private final KafkaProperties kafka;
    private final AccessProperties access;
    private volatile LivekitSync sync;

    LivekitSyncService(LivekitSyncProperties properties, RoutingProperties routing, KafkaProperties kafka, MeterRegistry meters,
                       AccessProperties access) {
        this.properties = properties;
        this.access = access;
        this.routing = routing;
        this.kafka = kafka;
        if (properties.enabled()) {
            gauges(meters);
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("LIVEKIT_URL is not set: the LiveKit sync is off (no trunks or dispatch rules are written)");
            return;
        }
        Secrets.require("LIVEKIT_API_SECRET (switchboard.livekit.api-secret)", properties.apiSecret(), 32, access.devSecrets());
        boolean catchAll = !"reject".equalsIgnoreCase(properties.unknownNumbers());
        sync = new LivekitSync(kafka.buildConsumerProperties(), Topics.LIVEKIT_SYNC_GROUP,
                new LivekitConnection(properties.url(), properties.apiKey(), properties.apiSecret(), properties.timeout()),
                new SyncSettings(properties.inboundTrunkId(), properties.roomPrefix(),
                        catchAll ? routing.systemDefaultAgent() : null, properties.reconcileInterval(), properties.maxBackoff(),
                        new TrunkAccess(properties.trunkAllowedAddresses(), properties.trunkAuthUsername(),
                                properties.trunkAuthPassword())));
        sync.start();
        log.info("LiveKit sync started against {}", properties.url());
    }

    /** Registered once, reading whichever sync runs now (a stop and start makes a new one): 0 while none does. */
    private void gauges(MeterRegistry registry) {
        gauge(registry, "switchboard.livekit.sync.pending", "Dispatch rules waiting to be written to LiveKit",
                LivekitSync::pendingChanges);
        gauge(registry, "switchboard.livekit.sync.refused", "Changes LiveKit refused as invalid", LivekitSync::refusedChanges);
        gauge(registry, "switchboard.livekit.sync.unavailable.seconds",
                "How long every attempt to reach LiveKit has failed (0 while it answers)", s -> s.unavailableFor().toMillis() / 1000.0);
        gauge(registry, "switchboard.livekit.sync.api.calls", "Requests sent to LiveKit's API", LivekitSync::apiCalls);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<LivekitSync> value) {
        Gauge.builder(name, this, service -> {
            LivekitSync running = service.sync;
            return running == null ? 0 : value.applyAsDouble(running);
        }).description(description).register(registry);
    }

    /** The running sync; null when it is off. */
    public LivekitSync sync() {
        return sync;
    }

    @Override
    public void stop() {
        if (sync != null) {
            sync.close();
            sync = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sync != null;
    }
}
