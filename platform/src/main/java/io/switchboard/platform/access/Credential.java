package io.switchboard.platform.access;

import io.switchboard.platform.web.ApiException;

/**
 * Who a request acts for: an API key (or the admin token), scoped to one tenant or to all, read-only or admin.
 *
 * @param keyId    the key's id, or {@code admin-token}
 * @param tenantId the one tenant it may see, or null for every tenant
 * @param role     what it may do
 */
public record Credential(String keyId, String tenantId, Role role) {
    /** {@code read}: safe methods only; {@code admin}: reads and writes. */
    public enum Role { READ, ADMIN }

    static final Credential ADMIN_TOKEN = new Credential("admin-token", null, Role.ADMIN);

    public boolean allTenants() {
        return tenantId == null;
    }

    /**
     * The tenant a read is limited to: for a tenant's key, its own tenant (asking for another is refused);
     * for an all-tenant key, the tenant asked for (null: every tenant).
     */
    public String tenantFilter(String requested) {
        if (tenantId == null) {
            return requested;
        }
        if (requested != null && !requested.equals(tenantId)) {
            throw ApiException.forbidden("this key is scoped to tenant " + tenantId + " and cannot read tenant "
                    + requested);
        }
        return tenantId;
    }

    /** Whether a row of {@code rowTenant} may be shown (a tenant's key sees only its own rows). */
    public boolean sees(String rowTenant) {
        return tenantId == null || tenantId.equals(rowTenant);
    }

    /** Refuses a tenant-scoped key for something that spans tenants. */
    public void requireAllTenants(String what) {
        if (tenantId != null) {
            throw ApiException.forbidden(what + " needs a key for all tenants; this one is scoped to tenant " + tenantId);
        }
    }
}
