package io.switchboard.livekit;

import java.util.OptionalInt;

/**
 * How Switchboard recognises its own trunks and rules in LiveKit: by name. Anything named otherwise was made by
 * someone else and is never changed or deleted. A rule's name says the partition that owns it and the dispatch it
 * makes ({@code switchboard/p3/<hash of agent, metadata and attributes>}).
 */
final class Names {
    static final String OWN = "switchboard/";
    static final String CATCH_ALL = OWN + "unknown";
    static final String TRUNK = OWN + "inbound/p";

    private Names() {
    }

    static boolean own(String name) {
        return name.startsWith(OWN);
    }

    static String rule(int partition, String dispatchKey) {
        return OWN + "p" + partition + "/" + dispatchKey;
    }

    static String trunk(int partition) {
        return TRUNK + partition;
    }

    /** The partition whose owner writes a rule; the catch-all belongs to partition 0; -1 for a name not of this form. */
    static int partitionOfRule(String name) {
        if (name.equals(CATCH_ALL)) {
            return 0;
        }
        int slash = name.indexOf('/', OWN.length());
        if (!name.startsWith(OWN + "p") || slash < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(OWN.length() + 1, slash));
        } catch (NumberFormatException e) {
            return -1;
        }
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
