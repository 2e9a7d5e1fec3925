package io.switchboard.platform.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In a service's OpenAPI description: every operation takes a bearer key, and {@link Credential} is no parameter. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springdoc.core.utils.SpringDocUtils")
class OpenApiAccess {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Credential.class);
    }

    @Bean
    OpenApiCustomizer bearerKeys() {
        return api -> api.components((api.getComponents() == null ? new Components() : api.getComponents())
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key (sbk_…) or the admin token")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
