package io.switchboard.stack.cli;

import io.switchboard.stack.livekit.FakeLivekit;
import java.io.IOException;
import java.util.Map;

/**
 * For {@code ./switchboard run --livekit-stand-in}: the tests' fake LiveKit API for a laptop's services when no LiveKit
 * is configured, so that web calls and calls out can be tried. It knows one outbound trunk, {@link #TRUNK}, answers
 * every call out, and sends no webhooks (simulate-call plays them). Off by default: with it, every SIP join also asks
 * it to dispatch the agent, which benchmarks would count.
 */
final class LivekitStandIn {
    static final String TRUNK = "ST_local_stand_in";

    private LivekitStandIn() {
    }

    /** A started stand-in, or null when not asked for or when LIVEKIT_URL names a LiveKit. */
    static FakeLivekit startIf(boolean asked) throws IOException {
        String configured = System.getenv("LIVEKIT_URL");
        if (!asked || (configured != null && !configured.isBlank())) {
            return null;
        }
        FakeLivekit livekit = FakeLivekit.start(Map.of(env("LIVEKIT_API_KEY", "devkey"), env("LIVEKIT_API_SECRET", "secret")));
        livekit.outboundTrunk(TRUNK);
        return livekit;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
