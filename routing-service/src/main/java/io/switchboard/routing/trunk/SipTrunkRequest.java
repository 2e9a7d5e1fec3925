package io.switchboard.routing.trunk;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.util.UUID;

/** Create or replace an outbound trunk; {@code provider} defaults to OTHER, {@code active} to true. */
record SipTrunkRequest(String tenantId, String name, String provider, String livekitTrunkId, Boolean active) {
    enum Provider { TWILIO, TELNYX, SIGNALWIRE, EXOTEL, OTHER }

    record Valid(UUID tenantId, String name, String provider, String livekitTrunkId, boolean active) {
    }

    Valid validated() {
        String trunk = Fields.maxLength("livekit_trunk_id", Fields.required("livekit_trunk_id", livekitTrunkId), 100);
        if (!trunk.matches("[A-Za-z0-9_-]+")) {
            throw ApiException.invalidField("livekit_trunk_id", "is LiveKit's id of an outbound trunk, like ST_abc123");
        }
        return new Valid(Fields.uuid("tenant_id", Fields.required("tenant_id", tenantId)),
                Fields.maxLength("name", Fields.required("name", name), 200),
                Fields.oneOf("provider", provider, Provider.class, Provider.OTHER).name(), trunk, active == null || active);
    }
}
