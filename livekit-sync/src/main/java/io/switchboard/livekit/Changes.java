package io.switchboard.livekit;

/** Makes one {@link Change} in LiveKit and records its result in the sync's picture of LiveKit. */
final class Changes {
    private Changes() {
    }

    static void apply(SipApi api, SipState state, Change change) {
        switch (change) {
            case Change.CreateTrunk c -> state.trunks.put(c.partition(), api.createTrunk(c.name(), c.numbers(), c.access()));
            case Change.SecureTrunk c -> state.trunks.put(c.partition(), api.secureTrunk(c.id(), c.currentAddresses(), c.access()));
            case Change.ChangeTrunk c -> state.trunks.put(c.partition(), api.changeTrunkNumbers(c.id(), c.add(), c.remove()));
            case Change.DeleteTrunk c -> {
                api.deleteTrunk(c.id());
                state.trunks.computeIfPresent(c.partition(), (p, t) -> t.getSipTrunkId().equals(c.id()) ? null : t);
            }
            case Change.CreateRule c -> state.rules.put(c.name(), api.createRule(c.rule()));
            case Change.ReplaceRule c -> state.rules.put(c.name(), api.replaceRule(c.id(), c.rule()));
            case Change.DeleteRule c -> {
                api.deleteRule(c.id());
                state.rules.computeIfPresent(c.name(), (n, r) -> r.getSipDispatchRuleId().equals(c.id()) ? null : r);
            }
        }
    }
}
