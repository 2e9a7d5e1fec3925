package io.switchboard.livekit;

import java.util.OptionalInt;

/**
 * How Switchboard recognises its own trunks and rules in LiveKit: by name. Anything named otherwise was made by
 * someone else and is never changed or deleted.
 */
final class Names {
    static final String OWN = "switchboard/";
    static final String RULE = OWN + "number/";
    static final String CATCH_ALL = OWN + "unknown";
    static final String TRUNK = OWN + "inbound/p";

    private Names() {
    }

    static boolean own(String name) {
        return name.startsWith(OWN);
    }

    static String rule(String e164) {
        return RULE + e164;
    }

    static String trunk(int partition) {
        return TRUNK + partition;
    }

    /** The number a rule name serves; empty for the catch-all. */
    static String numberOf(String ruleName) {
        return ruleName.startsWith(RULE) ? ruleName.substring(RULE.length()) : "";
    }

    static OptionalInt partitionOfTrunk(String name) {
        if (!name.startsWith(TRUNK)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(name.substring(TRUNK.length())));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
