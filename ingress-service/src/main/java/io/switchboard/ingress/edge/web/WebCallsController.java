package io.switchboard.ingress.edge.web;

import io.switchboard.platform.access.Credential;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.JsonBodies;
import io.switchboard.platform.web.RawBodies;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** {@code POST /api/v1/web-calls}: a tenant's backend gets a browser a token for a conversation with an agent. */
@RestController
@EnableConfigurationProperties(WebCallProperties.class)
class WebCallsController {
    static final String PATH = "/api/v1/web-calls";

    private final RawBodies bodies;
    private final ObjectMapper json;
    private final WebCalls calls;
    private final WebCallProperties properties;

    WebCallsController(RawBodies bodies, ObjectMapper json, WebCalls calls, WebCallProperties properties) {
        this.bodies = bodies;
        this.json = json;
        this.calls = calls;
        this.properties = properties;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> create(Credential caller, ServerHttpRequest request) {
        if (properties.browserUrl().isBlank()) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "not_configured",
                    "web calls are off: set LIVEKIT_PUBLIC_URL (or LIVEKIT_URL), the LiveKit URL browsers connect to"));
        }
        return bodies.read(request)
                .map(body -> JsonBodies.read(json, body, WebCallRequest.class).checked())
                .flatMap(r -> calls.issue(caller, r));
    }
}
