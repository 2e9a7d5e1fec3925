package io.switchboard.livekit;

import java.time.Duration;

/**
 * Where LiveKit's server API is and how to sign for it: the same key and secret as its webhooks.
 *
 * @param url     LiveKit's HTTP API, e.g. {@code http://livekit:7880}
 * @param timeout the whole of one request (connect, write, read); a slower answer counts as LiveKit unavailable
 */
public record LivekitConnection(String url, String apiKey, String apiSecret, Duration timeout) {
}
