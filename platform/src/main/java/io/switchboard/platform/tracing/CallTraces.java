package io.switchboard.platform.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import reactor.util.context.ContextView;

/**
 * A call's trace across processes: the webhook's request (observed by WebFlux, or by {@link #request} for routes
 * that bypass it) writes its trace context into the event's record headers as W3C {@code traceparent}
 * ({@link #inject}); a consumer continues it with a span per record ({@link #consumer}). Sampling decides only what
 * is exported; the trace id travels either way.
 */
public final class CallTraces {
    private final Propagator propagator;
    private final ObservationRegistry observations;

    public CallTraces(Propagator propagator, ObservationRegistry observations) {
        this.propagator = propagator;
        this.observations = observations;
    }

    /** Writes the trace of the request that {@code context} belongs to into {@code headers}; nothing without one. */
    public void inject(ContextView context, Headers headers) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        TracingObservationHandler.TracingContext tracing = observation == null ? null
                : observation.getContextView().get(TracingObservationHandler.TracingContext.class);
        if (tracing == null || tracing.getSpan() == null) {
            return;
        }
        propagator.inject(tracing.getSpan().context(), headers,
                (carrier, key, value) -> carrier.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** An observation of a request served outside WebFlux, continuing the caller's trace when its headers carry one. */
    public Observation request(String name, io.netty.handler.codec.http.HttpHeaders requestHeaders) {
        ReceiverContext<io.netty.handler.codec.http.HttpHeaders> context = new ReceiverContext<>((carrier, key) -> carrier.get(key));
        context.setCarrier(requestHeaders);
        return Observation.createNotStarted(name, () -> context, observations);
    }

    /** A span of a record's processing: a child of the trace in its headers, or a new trace without one. */
    public Span consumer(Headers headers, String name) {
        return propagator.extract(headers, CallTraces::header).name(name).kind(Span.Kind.CONSUMER).start();
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
