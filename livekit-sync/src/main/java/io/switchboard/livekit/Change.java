package io.switchboard.livekit;

import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/** One call to LiveKit's SIP API that brings it closer to the routing table. */
sealed interface Change {

    /** As the plan prints it: {@code + create}, {@code ~ change}, {@code - delete}. */
    String describe();

    record CreateTrunk(int partition, String name, List<String> numbers, TrunkAccess access) implements Change {
        public String describe() {
            return "+ trunk %s with %d number(s)".formatted(name, numbers.size());
        }
    }

    record ChangeTrunk(int partition, String id, String name, List<String> add, List<String> remove) implements Change {
        public String describe() {
            return "~ trunk %s (%s): add %s, remove %s".formatted(name, id, brief(add), brief(remove));
        }
    }

    record SecureTrunk(int partition, String id, String name, List<String> currentAddresses, TrunkAccess access)
            implements Change {
        public String describe() {
            return "~ trunk %s (%s): allowed addresses %s, login %s".formatted(name, id, access.allowedAddresses(),
                    access.authUsername().isEmpty() ? "(none)" : access.authUsername());
        }
    }

    record DeleteTrunk(int partition, String id, String name) implements Change {
        public String describe() {
            return "- trunk %s (%s)".formatted(name, id);
        }
    }

    record CreateRule(String name, SIPDispatchRuleInfo rule) implements Change {
        public String describe() {
            return "+ rule %s → agent %s".formatted(name, agent(rule));
        }
    }

    record ReplaceRule(String id, String name, SIPDispatchRuleInfo was, SIPDispatchRuleInfo rule) implements Change {
        public String describe() {
            return "~ rule %s (%s): agent %s → %s%s".formatted(name, id, agent(was), agent(rule),
                    was.getRoomConfig().equals(rule.getRoomConfig()) ? ", trunks, numbers or attributes" : "");
        }
    }

    record DeleteRule(String id, String name) implements Change {
        public String describe() {
            return "- rule %s (%s)".formatted(name, id);
        }
    }

    private static String agent(SIPDispatchRuleInfo rule) {
        return rule.getRoomConfig().getAgentsCount() == 0 ? "(none)" : rule.getRoomConfig().getAgents(0).getAgentName();
    }

    private static String brief(List<String> numbers) {
        return numbers.size() <= 5 ? numbers.toString() : numbers.subList(0, 5) + " and " + (numbers.size() - 5) + " more";
    }
}
