package io.switchboard.stack.livekit;

/** A Twirp error as LiveKit answers it: HTTP status, and a JSON body {@code {"code", "msg"}}. */
final class TwirpError extends RuntimeException {
    final int status;
    final String code;
    final java.util.Map<String, String> meta;

    TwirpError(int status, String code, String message) {
        this(status, code, message, java.util.Map.of());
    }

    TwirpError(int status, String code, String message, java.util.Map<String, String> meta) {
        super(message);
        this.status = status;
        this.code = code;
        this.meta = meta;
    }

    static TwirpError invalid(String message) {
        return new TwirpError(400, "invalid_argument", message);
    }

    static TwirpError notFound(String message) {
        return new TwirpError(404, "not_found", message);
    }

    static TwirpError unauthenticated(String message) {
        return new TwirpError(401, "unauthenticated", message);
    }

    static TwirpError denied(String message) {
        return new TwirpError(403, "permission_denied", message);
    }

    String json() {
        StringBuilder meta = new StringBuilder();
        this.meta.forEach((k, v) -> meta.append(meta.isEmpty() ? "" : ",").append(quoted(k)).append(':').append(quoted(v)));
        return "{\"code\":" + quoted(code) + ",\"msg\":" + quoted(getMessage())
                + (meta.isEmpty() ? "" : ",\"meta\":{" + meta + "}") + "}";
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
