package io.switchboard.routing.admin;

import io.switchboard.platform.web.ApiException;
import io.switchboard.routing.RoutingProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Writes under {@code /api/} need {@code Authorization: Bearer <admin token>}; reads are open (the
 * routing data holds no secrets, and operators' dashboards read it). The token is compared in constant
 * time and never logged; with no token configured, every write is refused.
 */
@Component
class AdminTokenFilter implements WebFilter {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    AdminTokenFilter(RoutingProperties properties) {
        String configured = properties.adminToken();
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (!request.getPath().value().startsWith("/api/") || READS.contains(request.getMethod())) {
            return chain.filter(exchange);
        }
        if (token == null) {
            return Mono.error(ApiException.unauthorized("writes are disabled: no admin token is configured"));
        }
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER)) {
            return Mono.error(ApiException.unauthorized("this request needs 'Authorization: Bearer <admin token>'"));
        }
        byte[] presented = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, token)) {
            return Mono.error(ApiException.unauthorized("the admin token is not valid"));
        }
        return chain.filter(exchange);
    }
}
