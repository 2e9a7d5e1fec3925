package io.switchboard.platform.access;

import java.util.Set;

/**
 * Paths whose POST only reads (a dry run, a query with a body): any key may call them, limited to its tenant,
 * as for a GET. Matched like {@link PublicPaths}.
 */
public record ReadOnlyPaths(Set<String> paths) {
    public ReadOnlyPaths {
        paths = Set.copyOf(paths);
    }
}
