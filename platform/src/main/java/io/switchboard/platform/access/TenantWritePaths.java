package io.switchboard.platform.access;

import java.util.Set;

/**
 * Paths a tenant's own admin key may write to (a tenant's backend starting its calls), the handler limiting the write
 * to the key's tenant; every other write needs a key for all tenants. Read-only keys never write. Matched like
 * {@link PublicPaths}.
 */
public record TenantWritePaths(Set<String> paths) {
    public TenantWritePaths {
        paths = Set.copyOf(paths);
    }
}
