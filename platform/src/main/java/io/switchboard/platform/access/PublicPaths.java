package io.switchboard.platform.access;

import java.util.Set;

/**
 * Paths a service serves without an API key: health probes, and webhooks that verify their own
 * signature. Matched exactly against the path as WebFlux routes it (decoded, {@code ;} parameters removed).
 */
public record PublicPaths(Set<String> paths) {
    public PublicPaths {
        paths = Set.copyOf(paths);
    }
}
