package io.switchboard.ingress.edge.signalwire;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.RawBodies;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * SignalWire asks what to do with a call: {@code GET} with the call's fields in the query, or {@code POST} as a form
 * (the Twilio-compatible fields) or as JSON (SWML's own request, the call under {@code call}). The request's signature
 * is checked over the URL as received and the raw body, then the call is answered with a SWML document.
 */
@RestController
@EnableConfigurationProperties(SignalwireProperties.class)
class SwmlController {
    static final String PATH = "/api/v1/webhooks/signalwire/swml";

    private final RawBodies bodies;
    private final ObjectMapper json;
    private final SwmlCalls calls;
    private final SignalwireSignatures signatures;
    private final boolean configured;

    SwmlController(RawBodies bodies, SignalwireProperties properties, ObjectMapper json, SwmlCalls calls) {
        this.bodies = bodies;
        this.json = json;
        this.calls = calls;
        this.signatures = new SignalwireSignatures(properties.signingKey(), properties.allowUnsigned());
        this.configured = properties.hasKey() || properties.allowUnsigned();
        if (!configured) {
            LoggerFactory.getLogger(SwmlController.class)
                    .info("SIGNALWIRE_SIGNING_KEY is not set: the SignalWire SWML webhook answers 404 not_configured");
        }
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> get(ServerHttpRequest request) {
        requireConfigured();
        signatures.verify(request.getURI().toString(), new byte[0], Map.of(), signature(request));
        return calls.answer(SwmlRequest.of(request.getQueryParams().toSingleValueMap()));
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> post(ServerHttpRequest request) {
        requireConfigured();
        MediaType type = request.getHeaders().getContentType();
        return bodies.read(request).flatMap(body -> {
            boolean form = type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type);
            Map<String, List<String>> params = form ? form(body) : Map.of();
            signatures.verify(request.getURI().toString(), body, params, signature(request));
            Map<String, String> fields = new LinkedHashMap<>(request.getQueryParams().toSingleValueMap());
            if (form) {
                params.forEach((k, v) -> fields.put(k, v.getFirst()));
            } else if (body.length > 0) {
                fields.putAll(jsonCall(body));
            }
            return calls.answer(SwmlRequest.of(fields));
        });
    }

    private void requireConfigured() {
        if (!configured) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_configured",
                    "the SignalWire edge is off: set SIGNALWIRE_SIGNING_KEY to receive SignalWire's SWML requests");
        }
    }

    private static String signature(ServerHttpRequest request) {
        String signature = request.getHeaders().getFirst(SignalwireSignatures.HEADER);
        return signature != null ? signature : request.getHeaders().getFirst(SignalwireSignatures.COMPAT_HEADER);
    }

    /** SWML's JSON request: the call's fields under {@code call} (its id, from, to), as text. */
    private Map<String, String> jsonCall(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("malformed_json", "the request body is neither a form nor valid JSON");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode call = root.path("call");
        for (String name : List.of("call_id", "from", "to")) {
            if (call.path(name).isString()) {
                fields.put(name, call.path(name).asString());
            }
        }
        return fields;
    }

    static Map<String, List<String>> form(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return params;
    }
}
