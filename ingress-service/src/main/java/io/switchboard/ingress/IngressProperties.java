package io.switchboard.ingress;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param livekitApiKey       issuer of LiveKit's signed requests (LIVEKIT_API_KEY)
 * @param livekitApiSecret    their HS256 secret (LIVEKIT_API_SECRET); outside development at least 32 characters
 * @param livekitKeys         more {@code key: secret} pairs, separated by commas or new lines (LIVEKIT_KEYS, as LiveKit's
 *                            own setting): during a key rotation, webhooks signed with any of them verify
 * @param unknownNumberPolicy what a call to a number with no routing entry gets
 * @param systemDefaultAgent  the agent when no rule names one
 * @param defaultRegion       region for numbers sent without a country code
 * @param maxBody             largest webhook body accepted
 * @param ackDeadline         how long an answer waits for Kafka before the event is spooled to disk instead
 * @param spoolDir            where events wait, fsync'd, while Kafka is unavailable
 * @param spoolMaxAge         readiness turns DOWN while the oldest spooled event has waited longer than this, so that
 *                            webhooks go to replicas that can reach Kafka
 * @param spoolMinFree        free space the spool leaves on its disk: below it, an event that needs the spool is
 *                            refused (503, so the sender retries) and readiness is DOWN; never a silent drop
 * @param rememberCalls       how long a call's answer (and a webhook's id) is kept, so a repeated delivery gets the
 *                            same answer and emits nothing new
 * @param rememberMax         at most this many answers and webhook ids are kept (the oldest go first; answers take
 *                            about 0.1 KB each, allocated up front). A forgotten repeat is routed again and emits its
 *                            event again, with the same event id, which the consumers de-duplicate
 * @param callersMax          at most this many callers' lead contexts are held for dispatch metadata (about 130 bytes
 *                            each; BENCHMARKS.md): past it, callers not yet held are answered as new callers
 */
@ConfigurationProperties("switchboard.ingress")
public record IngressProperties(@DefaultValue("devkey") String livekitApiKey, @DefaultValue("secret") String livekitApiSecret,
                                String livekitKeys,
                                @DefaultValue("default-agent") UnknownNumberPolicy unknownNumberPolicy,
                                @DefaultValue("telephony-agent") String systemDefaultAgent,
                                @DefaultValue("US") String defaultRegion, @DefaultValue("64KB") DataSize maxBody,
                                @DefaultValue("1s") Duration ackDeadline, @DefaultValue("spool") Path spoolDir,
                                @DefaultValue("10m") Duration spoolMaxAge, @DefaultValue("64MB") DataSize spoolMinFree,
                                @DefaultValue("30m") Duration rememberCalls,
                                @DefaultValue("200000") int rememberMax,
                                @DefaultValue("2000000") long callersMax) {

    /** {@code default-agent}: answer with the system default agent; {@code reject}: answer 404. */
    public enum UnknownNumberPolicy { DEFAULT_AGENT, REJECT }
}
