package io.switchboard.platform.access;

import java.util.Locale;
import org.springframework.http.server.PathContainer;

/**
 * What path a request is: as WebFlux routes it (each segment decoded, {@code ;} parameters removed), and
 * whether its raw form is one that no client of ours sends but that could make a filter and the router
 * disagree (encoded separators, dots or percent signs, {@code ;} parameters, empty or dot segments,
 * backslashes, control characters). Such requests are refused before anything else reads them.
 */
final class RequestPaths {
    private static final String[] ENCODED = {"%2e", "%2f", "%5c", "%25", "%3b", "%00"};

    private RequestPaths() {
    }

    /** Why the raw path is refused, or null when it is plain. */
    static String suspicious(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return "the path must start with '/'";
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED) {
            if (lower.contains(encoded)) {
                return "the path contains an encoded '" + encoded + "'";
            }
        }
        if (rawPath.indexOf(';') >= 0) {
            return "the path contains ';' parameters";
        }
        if (rawPath.indexOf('\\') >= 0) {
            return "the path contains a backslash";
        }
        if (rawPath.contains("//")) {
            return "the path contains an empty segment ('//')";
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "the path contains a '" + segment + "' segment";
            }
        }
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) < 0x20 || rawPath.charAt(i) == 0x7f) {
                return "the path contains a control character";
            }
        }
        return null;
    }

    /** The path as the router matches it: segments decoded, with their {@code ;} parameters removed. */
    static String routed(PathContainer path) {
        StringBuilder out = new StringBuilder();
        for (PathContainer.Element element : path.elements()) {
            out.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
        }
        return out.isEmpty() ? "/" : out.toString();
    }
}
