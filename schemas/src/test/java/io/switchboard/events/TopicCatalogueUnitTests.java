package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicCatalogueUnitTests {

    @Test
    void namesTheTopicsOfTheSpecWithTheirCleanupPolicies() {
        assertThat(Topics.all()).extracting(Topic::name, Topic::cleanup).containsExactly(
                org.assertj.core.groups.Tuple.tuple("routing.entries", Topic.Cleanup.COMPACT),
                org.assertj.core.groups.Tuple.tuple("call.started", Topic.Cleanup.RETAIN),
                org.assertj.core.groups.Tuple.tuple("call.ended", Topic.Cleanup.RETAIN),
                org.assertj.core.groups.Tuple.tuple("room.finished", Topic.Cleanup.RETAIN),
                org.assertj.core.groups.Tuple.tuple("call.holds", Topic.Cleanup.RETAIN),
                org.assertj.core.groups.Tuple.tuple("access.api-keys", Topic.Cleanup.COMPACT),
                org.assertj.core.groups.Tuple.tuple("leads.context", Topic.Cleanup.COMPACT),
                org.assertj.core.groups.Tuple.tuple("call.records", Topic.Cleanup.COMPACT));
    }

    @Test
    void registersValuesUnderTheTopicNameStrategySubject() {
        assertThat(Topics.CALL_STARTED.valueSubject()).isEqualTo("call.started-value");
        assertThat(Topics.byName("routing.entries")).contains(Topics.ROUTING_ENTRIES);
        assertThat(Topics.byName("no.such.topic")).isEmpty();
    }

    @Test
    void everyEventCarriesItsIdTimesAndSource() {
        for (Topic<?> topic : Topics.all()) {
            assertThat(topic.valueSchema().getFields()).extracting(f -> f.name())
                    .as(topic.name())
                    .contains("event_id", "occurred_at", "received_at", "source");
        }
    }
}
