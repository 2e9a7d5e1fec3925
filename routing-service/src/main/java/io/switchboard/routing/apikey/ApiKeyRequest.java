package io.switchboard.routing.apikey;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.util.UUID;

/** A key to make: its name, the one tenant it may see (none: all tenants) and its role ({@code read} or {@code admin}). */
record ApiKeyRequest(String name, String tenantId, String role) {
    record Valid(String name, UUID tenantId, String role) {
    }

    Valid validated() {
        String r = Fields.required("role", role);
        if (!r.equals("read") && !r.equals("admin")) {
            throw ApiException.invalidField("role", "must be 'read' or 'admin'");
        }
        return new Valid(Fields.maxLength("name", Fields.required("name", name), 200),
                tenantId == null ? null : Fields.uuid("tenant_id", tenantId), r);
    }
}
