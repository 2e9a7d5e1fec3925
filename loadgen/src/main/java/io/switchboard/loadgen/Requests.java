package io.switchboard.loadgen;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** sip-inbound bodies, each a new call, each signed as LiveKit signs: HS256 JWT with the body's sha256. */
final class Requests {
    record Signed(String callId, String body, String token) {
    }

    private final String apiKey;
    private final String apiSecret;
    private final int numbers;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    Requests(String apiKey, String apiSecret, int numbers) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.numbers = numbers;
    }

    /** Signs {@code count} requests up front (on every core), so signing does not compete with the run. */
    Signed[] presign(int count) {
        long first = sequence.getAndAdd(count) + 1;
        return java.util.stream.IntStream.range(0, count).parallel().mapToObj(i -> sign(first + i)).toArray(Signed[]::new);
    }

    private Signed sign(long n) {
        String callId = "SCL_" + run + "_" + n;
        String body = "{\"call_id\":\"" + callId + "\",\"trunk_id\":\"ST_load\",\"from_number\":\"+1555"
                + String.format("%07d", n % 10_000_000) + "\",\"to_number\":\"+1858" + String.format("%07d", n % numbers)
                + "\",\"room_name\":\"call-" + callId + "\"}";
        return new Signed(callId, body, token(apiKey, apiSecret, body));
    }

    static String token(String apiKey, String apiSecret, String body) {
        return LivekitSignature.sign(apiKey, apiSecret, body);
    }
}
