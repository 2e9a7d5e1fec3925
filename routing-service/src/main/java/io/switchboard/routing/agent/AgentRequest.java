package io.switchboard.routing.agent;

import io.switchboard.platform.web.Fields;

/** Create or replace an agent; {@code active} defaults to true. */
record AgentRequest(String name, String description, Boolean active) {
    AgentRequest validated() {
        String n = Fields.maxLength("name", Fields.required("name", name), 200);
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw io.switchboard.platform.web.ApiException.invalidField("name",
                    "may hold letters, digits, '.', '_' and '-' only (it is the agent's dispatch name)");
        }
        return new AgentRequest(n, Fields.maxLength("description", Fields.optional(description), 2000),
                active == null || active);
    }
}
