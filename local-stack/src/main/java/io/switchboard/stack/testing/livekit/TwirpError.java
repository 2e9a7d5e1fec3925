package io.switchboard.stack.testing.livekit;

/** A Twirp error as LiveKit answers it: HTTP status, and a JSON body {@code {"code", "msg"}}. */
final class TwirpError extends RuntimeException {
    final int status;
    final String code;

    TwirpError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
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
        return "{\"code\":\"" + code + "\",\"msg\":\"" + getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
