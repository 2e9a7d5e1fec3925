package io.switchboard.platform.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * A request that cannot be served, with the spec's error shape: {@code {"error": code, "message": …}}
 * and, for bulk requests, per-item {@code errors}.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final List<Map<String, Object>> errors;

    public ApiException(HttpStatus status, String code, String message, List<Map<String, Object>> errors) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    /** A required field is absent or blank. */
    public static ApiException missingField(String field) {
        return badRequest("missing_field", "field '" + field + "' is required");
    }

    public static ApiException invalidField(String field, String problem) {
        return badRequest("invalid_field", "field '" + field + "' " + problem);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " '" + id + "' does not exist");
    }

    /** For {@code switchIfEmpty}: a 404 for the thing asked for, made only when nothing was found. */
    public static <T> Mono<T> whenMissing(String what, Object id) {
        return Mono.error(() -> notFound(what, id));
    }

    /** The answer to a delete that matched {@code rows} rows: done, or 404 when there was nothing to delete. */
    public static Mono<Void> deletedOrMissing(long rows, String what, Object id) {
        return rows == 0 ? Mono.error(notFound(what, id)) : Mono.empty();
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", message);
    }

    /** A field refers to something that does not exist. */
    public static ApiException unknownReference(String field, Object value) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                "field '" + field + "' refers to '" + value + "', which does not exist");
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    /** The credential is valid but does not reach this. */
    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException payloadTooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "the request body is larger than allowed");
    }

    public static ApiException methodNotAllowed(Object method, String allowed) {
        return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " is not supported here; send " + allowed);
    }

    public static ApiException unsupportedMediaType(String type, String expected) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "content type " + type + " is not supported; send " + expected);
    }

    /** The called number has no routing (and the policy is to reject such calls, or the caller may not see it). */
    public static ApiException unknownNumber(String e164) {
        return new ApiException(HttpStatus.NOT_FOUND, "unknown_number", "no routing for the called number " + e164);
    }

    /** A call's event could be made durable neither in Kafka nor on disk: the sender should retry (503). */
    public static ApiException notDurable() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_durable",
                "the call's event could not be made durable; retry");
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
