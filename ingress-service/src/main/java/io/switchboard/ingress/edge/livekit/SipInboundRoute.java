package io.switchboard.ingress.edge.livekit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.EventExecutor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.platform.tracing.CallTraces;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiErrorHandler;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.JsonBodies;
import io.switchboard.platform.web.RawBodies;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/webhooks/livekit/sip-inbound}, served as a Reactor Netty route ahead of WebFlux's
 * dispatcher: the hot path of every call pays for no handler mapping, argument resolution, codecs or
 * per-request observation. What it does is the same as any endpoint here: LiveKit's signature verified
 * over the raw bytes, errors in the spec's shape and counted by {@link ApiErrorHandler}, and a 200 only
 * once the call's event is durable. Timed as {@code switchboard.ingress.sip_inbound{status}}.
 */
@Component
class SipInboundRoute implements NettyRouteProvider {
    static final String PATH = "/api/v1/webhooks/livekit/sip-inbound";

    /** The answer LiveKit dispatches on. */
    record SipInboundResponse(String agentName, String metadata, Map<String, String> attributes) {
    }

    private final LivekitSignatures signatures;
    private final RawBodies bodies;
    private final ObjectMapper json;
    private final PhoneNumbers numbers;
    private final CallStarts callStarts;
    private final ApiErrorHandler errors;
    private final MeterRegistry meters;
    private final CallTraces traces;
    private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();
    private final Map<EventExecutor, Scheduler> eventLoops = new ConcurrentHashMap<>();

    SipInboundRoute(RawBodies bodies, LivekitSignatures signatures, ObjectMapper json, PhoneNumbers numbers,
                    CallStarts callStarts, ApiErrorHandler errors, MeterRegistry meters, CallTraces traces) {
        this.traces = traces;
        this.signatures = signatures;
        this.bodies = bodies;
        this.json = json;
        this.numbers = numbers;
        this.callStarts = callStarts;
        this.errors = errors;
        this.meters = meters;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> isPath(request.uri()), this::handle);
    }

    private static boolean isPath(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri.equals(PATH) : query == PATH.length() && uri.startsWith(PATH);
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        // WebFlux observes its own requests; this route is traced here, continuing a caller's traceparent if sent
        Observation observation = traces.request("switchboard.ingress.sip_inbound.request", request.requestHeaders())
                .contextualName("POST " + PATH).start();
        return answer(request)
                .map(answer -> new Reply(200, json.writeValueAsBytes(answer)))
                .onErrorResume(failure -> Mono.just(rejected(failure, request)))
                .flatMap(reply -> {
                    timers.computeIfAbsent(reply.status(), s -> Timer.builder("switchboard.ingress.sip_inbound")
                            .tag("status", String.valueOf(s)).register(meters))
                            .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    if (reply.status() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
                        response.header(HttpHeaderNames.ALLOW, "POST");
                    }
                    observation.lowCardinalityKeyValue("status", String.valueOf(reply.status()));
                    return response.status(reply.status())
                            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(reply.body().length))
                            .sendByteArray(Mono.just(reply.body())).then();
                })
                .doFinally(signal -> observation.stop())
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
    }

    private Mono<SipInboundResponse> answer(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (!HttpMethod.POST.equals(request.method())) {
            return Mono.error(ApiException.methodNotAllowed(request.method(), "POST"));
        }
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (!isJson(type)) {
            return Mono.error(ApiException.unsupportedMediaType(type, "application/json"));
        }
        return bodies.read(request)
                .map(body -> {
                    signatures.verify(body, headers.get(HttpHeaderNames.AUTHORIZATION),
                            headers.get(LivekitSignatures.SIGNATURE_HEADER));
                    return JsonBodies.read(json, body, SipInboundRequest.class).validated(numbers);
                })
                .flatMap(call -> callStarts.start(call)
                        .publishOn(eventLoopOf(request)) // Kafka completes on its network thread: leave it at once
                        .onErrorMap(e -> !(e instanceof ApiException), e -> ApiException.notDurable())
                        .switchIfEmpty(Mono.error(() -> ApiException.unknownNumber(call.toE164()))))
                .map(a -> new SipInboundResponse(a.agentName(), a.metadata(), a.attributes()));
    }

    private Scheduler eventLoopOf(HttpServerRequest request) {
        EventExecutor[] loop = new EventExecutor[1];
        request.withConnection(connection -> loop[0] = connection.channel().eventLoop());
        return eventLoops.computeIfAbsent(loop[0], Schedulers::fromExecutor);
    }

    private static boolean isJson(String type) {
        if (type == null || !type.regionMatches(true, 0, "application/json", 0, 16)) {
            return false;
        }
        return type.length() == 16 || type.charAt(16) == ';' || type.charAt(16) == ' ';
    }

    private Reply rejected(Throwable failure, HttpServerRequest request) {
        ApiErrorHandler.Rendered r = errors.render(failure, request.method() + " " + PATH);
        return new Reply(r.status(), r.body());
    }

    private record Reply(int status, byte[] body) {
    }
}
