package io.switchboard.platform.access;

import io.switchboard.platform.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Hands a handler the request's {@link Credential}, as the {@link AccessFilter} found it. */
final class CredentialResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Credential.class.equals(parameter.getParameterType());
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Credential credential = exchange.getAttribute(AccessFilter.CREDENTIAL);
        return credential == null ? Mono.error(ApiException.unauthorized("this request needs an API key"))
                : Mono.just(credential);
    }
}
