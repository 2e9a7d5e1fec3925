package io.switchboard.platform.web;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;

/** Reads a JSON request body, turning Jackson's complaints into API errors that name the field. */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static <T> T read(ObjectMapper json, byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ApiException.badRequest("missing_body", "the request needs a JSON body");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("malformed_json", "the request body must be a JSON object");
            }
            return value;
        } catch (JacksonException e) {
            throw translate(e);
        }
    }

    /** A binding error names the field at fault; anything else is malformed JSON. */
    static ApiException translate(JacksonException e) {
        if (e instanceof DatabindException binding && !binding.getPath().isEmpty()) {
            String field = binding.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
            return ApiException.invalidField(field, "has the wrong type or format");
        }
        return ApiException.badRequest("malformed_json", "the request body is not valid JSON");
    }
}
