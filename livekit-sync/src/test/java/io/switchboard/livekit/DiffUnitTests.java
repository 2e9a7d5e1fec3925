package io.switchboard.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;

/** The shape of the changes: never a rule or a trunk listing no number, losses before gains, others' things untouched. */
class DiffUnitTests {
    private static final SyncSettings MANAGED = new SyncSettings("", "call", "telephony-agent", Duration.ofMinutes(5),
            Duration.ofSeconds(5));

    @Test
    void numbersRoutedAlikeShareOneRulePerPartitionAndDifferentAgentsGetTheirOwn() {
        Desired desired = new Desired(MANAGED);
        Set<String> a = desired.apply(0, "+15550000001", entry("+15550000001", "sales"));
        Set<String> b = desired.apply(0, "+15550000002", entry("+15550000002", "sales"));
        Set<String> c = desired.apply(1, "+15550000003", entry("+15550000003", "sales"));
        Set<String> d = desired.apply(0, "+15550000004", entry("+15550000004", "support"));

        assertThat(a).isEqualTo(b).hasSize(1);
        assertThat(c).doesNotContainAnyElementsOf(a);
        assertThat(d).doesNotContainAnyElementsOf(a);
        assertThat(desired.rule(a.iterator().next()).numbers()).containsExactly("+15550000001", "+15550000002");
        assertThat(Names.partitionOfRule(c.iterator().next())).isEqualTo(1);
    }

    @Test
    void aRuleThatKeepsNoNumberIsDeletedNotLeftMatchingEveryNumber() {
        Desired desired = new Desired(MANAGED);
        String rule = desired.apply(0, "+15550000001", entry("+15550000001", "sales")).iterator().next();
        SipState state = new SipState();
        state.trunks.put(0, SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_0").setName(Names.trunk(0))
                .addNumbers("+15550000001").build());
        state.rules.put(rule, desired.rule(rule).toRule("ST_0", "call").toBuilder().setSipDispatchRuleId("SDR_1").build());

        Set<String> touched = desired.apply(0, "+15550000001", entry("+15550000001", "support"));
        Diff diff = new Diff(desired, state, MANAGED, false);

        assertThat(diff.shrink(rule)).singleElement().isEqualTo(new Change.DeleteRule("SDR_1", rule));
        String moved = touched.stream().filter(n -> !n.equals(rule)).findFirst().orElseThrow();
        assertThat(diff.grow(moved)).singleElement().isInstanceOf(Change.CreateRule.class);

        // the rule is still wanted, for another number only: still deleted first, then made again
        desired.apply(0, "+15550000002", entry("+15550000002", "sales"));
        assertThat(diff.shrink(rule)).singleElement().isEqualTo(new Change.DeleteRule("SDR_1", rule));
    }

    @Test
    void aTrunkWhoseNumbersAllLeaveIsDeletedNotEmptied() {
        Desired desired = new Desired(MANAGED);
        desired.apply(0, "+15550000001", entry("+15550000001", "sales"));
        desired.apply(0, "+15550000001", null);
        SipState state = new SipState();
        state.trunks.put(0, SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_0").setName(Names.trunk(0))
                .addNumbers("+15550000001").build());

        assertThat(new Diff(desired, state, MANAGED, false).trunkRemovals(List.of(0)))
                .singleElement().isEqualTo(new Change.DeleteTrunk(0, "ST_0", Names.trunk(0)));
    }

    @Test
    void aNumberJoinsItsTrunkOnlyOnceARuleListsIt() {
        Desired desired = new Desired(MANAGED);
        String rule = desired.apply(0, "+15550000001", entry("+15550000001", "sales")).iterator().next();
        SipState state = new SipState();
        state.trunks.put(0, SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_0").setName(Names.trunk(0))
                .addNumbers("+15550000009").build());
        Diff before = new Diff(desired, state, MANAGED, false);
        assertThat(before.trunkAdditions(List.of(0))).isEmpty();

        state.rules.put(rule, desired.rule(rule).toRule("ST_0", "call"));
        assertThat(new Diff(desired, state, MANAGED, false).trunkAdditions(List.of(0))).singleElement()
                .isEqualTo(new Change.ChangeTrunk(0, "ST_0", Names.trunk(0), List.of("+15550000001"), List.of()));
    }

    @Test
    void rulesAndTrunksNotNamedAsSwitchboardsAreNeverInItsPicture() {
        SipState state = SipState.listed(
                List.of(SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_hand").setName("carrier").build(),
                        SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_1").setName(Names.trunk(2)).build(),
                        SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_2").setName(Names.trunk(2)).build()),
                List.of(SIPDispatchRuleInfo.newBuilder().setSipDispatchRuleId("SDR_hand").setName("support line").build(),
                        SIPDispatchRuleInfo.newBuilder().setSipDispatchRuleId("SDR_0").setName("switchboard/p0/ab").build()));

        assertThat(state.rules).containsOnlyKeys("switchboard/p0/ab");
        assertThat(state.trunks.get(2).getSipTrunkId()).isEqualTo("ST_1");
        assertThat(state.surplusTrunks).extracting(SIPInboundTrunkInfo::getSipTrunkId).containsExactly("ST_2");
        assertThat(state.foreignRules).isEqualTo(1);
        assertThat(state.foreignTrunks).isEqualTo(1);
    }

    private static RoutingEntry entry(String number, String agent) {
        return RoutingEntry.newBuilder().setEventId("e-" + number).setOccurredAt(Instant.EPOCH).setReceivedAt(Instant.EPOCH)
                .setSource(EventSource.routing_service).setVersion(1).setPhoneNumber(number).setPhoneNumberId("pn-" + number)
                .setTenantId("tenant-1").setAgentName(agent).setRoutingRule("tenant_default").build();
    }
}
