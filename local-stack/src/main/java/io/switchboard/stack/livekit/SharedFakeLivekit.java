package io.switchboard.stack.livekit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One fake LiveKit per test JVM, accepting the development key the services use in tests ({@code devkey}). Every
 * service a test starts points at it (LIVEKIT_URL), so the LiveKit sync and the dispatch on join always run.
 */
public final class SharedFakeLivekit {
    public static final String API_KEY = "devkey";
    public static final String API_SECRET = "secret";

    private static FakeLivekit instance;

    private SharedFakeLivekit() {
    }

    public static synchronized FakeLivekit get() {
        if (instance == null) {
            try {
                instance = FakeLivekit.start(Map.of(API_KEY, API_SECRET));
            } catch (IOException e) {
                throw new UncheckedIOException("the fake LiveKit could not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }
}
