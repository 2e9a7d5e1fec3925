package io.switchboard.platform.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Every failed request of every service answers in one shape, {@code {"error", "message"}} (plus
 * {@code errors} for bulk requests), and is counted as {@code switchboard.http.errors{code}}.
 */
@Component
@Order(-2) // before Spring Boot's own error handler
public class ApiErrorHandler implements WebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private static final String UNAVAILABLE = "database_unavailable";
    private static final java.util.Set<String> DATABASE_UNAVAILABLE = java.util.Set.of(
            "io.r2dbc.spi.R2dbcTransientResourceException", "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "io.r2dbc.spi.R2dbcTimeoutException", "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.QueryTimeoutException", "org.springframework.dao.TransientDataAccessResourceException");

    private final ObjectMapper json;
    private final MeterRegistry meters;

    public ApiErrorHandler(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    /** An error answer: its status and its JSON body. */
    public record Rendered(int status, byte[] body) {
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        var request = exchange.getRequest();
        Rendered rendered = render(failure, request.getMethod() + " " + request.getPath());
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(rendered.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(rendered.body())));
    }

    /**
     * The answer to a failed request, counted (and logged when it is the server's fault). Public for
     * routes served outside WebFlux's dispatcher, so that they answer and count errors the same way.
     */
    public Rendered render(Throwable failure, String request) {
        ApiException error = translate(failure);
        if (error.code().equals(UNAVAILABLE)) {
            log.warn("{} answered 503, the database is unavailable: {}", request, rootCause(failure)); // one line
        } else if (error.status().is5xxServerError()) {
            log.error("{} failed", request, failure);
        }
        meters.counter("switchboard.http.errors", "code", error.code()).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        if (!error.errors().isEmpty()) {
            body.put("errors", error.errors());
        }
        return new Rendered(error.status().value(), json.writeValueAsBytes(body));
    }

    static ApiException translate(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (causedBy(failure, DataBufferLimitException.class) != null) {
            return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "the request body is too large");
        }
        if (failure instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "content type " + unsupported.getContentType() + " is not supported; send "
                            + unsupported.getSupportedMediaTypes());
        }
        if (failure instanceof ServerWebInputException input) {
            return fromBadInput(input);
        }
        if (failure instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), status.getReason());
        }
        if (databaseUnavailable(failure)) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE,
                    "the database is unavailable or too slow; retry later");
        }
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "the request failed");
    }

    /** A connection that cannot be made or a statement that timed out: the service's trouble, not the request's. */
    private static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (DATABASE_UNAVAILABLE.contains(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static ApiException fromBadInput(ServerWebInputException input) {
        JacksonException jackson = causedBy(input, JacksonException.class);
        if (jackson != null) {
            return JsonBodies.translate(jackson);
        }
        if (input.getMessage() != null && input.getMessage().contains("No request body")) {
            return ApiException.badRequest("missing_body", "the request needs a JSON body");
        }
        var parameter = input.getMethodParameter();
        if (parameter != null && input.getCause() instanceof org.springframework.beans.TypeMismatchException) {
            var param = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
            String name = param != null && !param.name().isEmpty() ? param.name() : parameter.getParameterName();
            return ApiException.invalidField(name, "has the wrong type: expected " + parameter.getParameterType().getSimpleName());
        }
        return ApiException.badRequest("bad_request", input.getReason() == null ? "bad request" : input.getReason());
    }

    private static ApiException fromStatus(HttpStatusCode code, String reason) {
        HttpStatus status = HttpStatus.resolve(code.value());
        status = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
        String name = status.name().toLowerCase(java.util.Locale.ROOT);
        return new ApiException(status, name, reason == null ? status.getReasonPhrase() : reason);
    }

    private static <T extends Throwable> T causedBy(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
