package io.switchboard.routing.tenant;

import io.switchboard.platform.web.Fields;

/** Create or replace a tenant; {@code default_agent} names an agent, {@code active} defaults to true. */
record TenantRequest(String name, String defaultAgent, Boolean active) {
    TenantRequest validated() {
        return new TenantRequest(Fields.maxLength("name", Fields.required("name", name), 200),
                Fields.maxLength("default_agent", Fields.optional(defaultAgent), 200), active == null || active);
    }
}
