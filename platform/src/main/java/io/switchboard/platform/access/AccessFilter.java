package io.switchboard.platform.access;

import io.switchboard.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Deny by default: every request needs {@code Authorization: Bearer <API key or admin token>}, except the
 * service's {@link PublicPaths} (matched on the path the router will use, after refusing raw paths that
 * could be read two ways). Safe methods need any key, others an admin key for all tenants; outside
 * {@code /api/} (actuator, OpenAPI) a key for all tenants. The credential rides on the exchange for the
 * handlers, which limit each read to the key's tenant.
 */
final class AccessFilter implements WebFilter, Ordered {
    static final String CREDENTIAL = AccessFilter.class.getName() + ".credential";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final byte[] adminToken;
    private final Set<String> publicPaths = new HashSet<>();
    private final Set<String> readOnlyPaths = new HashSet<>();
    private final Set<String> tenantWritePaths = new HashSet<>();

    AccessFilter(ApiKeys keys, String adminToken, List<PublicPaths> publicPaths, List<ReadOnlyPaths> readOnlyPaths,
                 List<TenantWritePaths> tenantWritePaths) {
        this.keys = keys;
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        publicPaths.forEach(p -> this.publicPaths.addAll(p.paths()));
        readOnlyPaths.forEach(p -> this.readOnlyPaths.addAll(p.paths()));
        tenantWritePaths.forEach(p -> this.tenantWritePaths.addAll(p.paths()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        try {
            return check(exchange, chain);
        } catch (ApiException refused) {
            return Mono.error(refused);
        }
    }

    private Mono<Void> check(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String problem = RequestPaths.suspicious(request.getURI().getRawPath());
        if (problem != null) {
            return Mono.error(ApiException.badRequest("bad_path", problem));
        }
        String path = RequestPaths.routed(request.getPath().pathWithinApplication());
        if (publicPaths.contains(path)) {
            return chain.filter(exchange);
        }
        Credential credential = authenticate(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (!SAFE.contains(request.getMethod()) && !readOnlyPaths.contains(path)) {
            if (credential.role() != Credential.Role.ADMIN) {
                throw ApiException.forbidden("this key is read-only; " + request.getMethod() + " needs an admin key");
            }
            if (!tenantWritePaths.contains(path)) {
                credential.requireAllTenants(request.getMethod() + " " + path);
            }
        }
        if (!path.startsWith("/api/")) {
            credential.requireAllTenants(path);
        }
        exchange.getAttributes().put(CREDENTIAL, credential);
        return chain.filter(exchange);
    }

    private Credential authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("this request needs 'Authorization: Bearer <API key>'");
        }
        String token = header.substring(BEARER.length()).trim();
        if (adminToken != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken)) {
            return Credential.ADMIN_TOKEN;
        }
        Optional<Credential> key = token.startsWith(ApiKeys.PREFIX) ? keys.authenticate(token) : Optional.empty();
        return key.orElseThrow(() -> ApiException.unauthorized("the API key is not valid (unknown, revoked or mistyped)"));
    }
}
