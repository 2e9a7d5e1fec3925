package io.switchboard.ingress.edge.livekit;

import io.livekit.server.AccessToken;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.JsonBodies;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Readiness waits for this ({@code warmUp} in the readiness group): the sip-inbound answer's own code run in-process,
 * many times, before any caller's webhook is let in, so that the JIT has compiled it and the first calls a load
 * balancer sends after readiness are answered as fast as later ones. Each round is a real answer but for its two ends:
 * a signed body verified with the configured key, parsed, validated (the phone-number library), routed and its
 * dispatch metadata written (the dry run's {@link CallStarts#preview}); nothing is emitted or remembered.
 */
@Component("warmUp")
class SipInboundWarmUp implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(SipInboundWarmUp.class);

    private final LivekitSignatures signatures;
    private final ObjectMapper json;
    private final PhoneNumbers numbers;
    private final CallStarts callStarts;
    private final IngressProperties ingress;
    private final int iterations;
    private final boolean exit;
    private final org.springframework.context.ConfigurableApplicationContext context;
    private final AtomicInteger done = new AtomicInteger();
    private volatile Duration took;

    SipInboundWarmUp(LivekitSignatures signatures, ObjectMapper json, PhoneNumbers numbers, CallStarts callStarts,
                     IngressProperties ingress, WarmUpProperties properties,
                     org.springframework.context.ConfigurableApplicationContext context) {
        this.signatures = signatures;
        this.json = json;
        this.numbers = numbers;
        this.callStarts = callStarts;
        this.ingress = ingress;
        this.iterations = properties.iterations();
        this.exit = properties.exit();
        this.context = context;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread thread = new Thread(this::run, "sip-inbound-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void run() {
        long begin = System.nanoTime();
        try {
            for (int i = 0; i < iterations; i++) {
                answer(i);
                done.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // a warm-up is an optimisation: whatever it cannot do must not keep the service out of rotation
            log.warn("warm-up stopped after {} rounds: {}", done.get(), e.toString());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        log.info("answer path warmed up: {} rounds in {} ms; readiness may turn UP", done.get(), elapsed.toMillis());
        took = elapsed; // after the report: whoever sees readiness UP can read that it was warmed up
        if (exit) {
            log.info("training run (switchboard.ingress.warm-up.exit): exiting");
            System.exit(org.springframework.boot.SpringApplication.exit(context));
        }
    }

    private void answer(int round) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("call_id", "SCL_warm_up_" + round);
        request.put("trunk_id", "ST_warm_up");
        request.put("from_number", "+1 (555) " + String.format("%03d-%04d", 100 + round % 900, round % 10_000));
        request.put("to_number", "+1858" + String.format("%07d", round % 10_000_000));
        request.put("room_name", "warm-up-" + round);
        byte[] body = json.writeValueAsBytes(request);
        signatures.verify(body, sign(body), null);
        Call call = JsonBodies.read(json, body, SipInboundRequest.class).validated(numbers);
        callStarts.preview(call, tenant -> true).ifPresent(this::written);
    }

    private void written(Answer answer) {
        json.writeValueAsBytes(new SipInboundRoute.SipInboundResponse(answer.agentName(), answer.metadata(),
                answer.attributes()));
    }

    private String sign(byte[] body) {
        AccessToken token = new AccessToken(ingress.livekitApiKey(), ingress.livekitApiSecret());
        try {
            token.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return token.toJwt();
    }

    @Override
    public Health health() {
        Duration finished = took;
        if (finished == null) {
            return Health.down().withDetail("warm_up", done.get() + " of " + iterations + " rounds").build();
        }
        return Health.up().withDetail("rounds", done.get()).withDetail("took_ms", finished.toMillis()).build();
    }
}
