package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.CallEnded;
import io.switchboard.events.CallStarted;
import io.switchboard.events.RoomFinished;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.TopicReader;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * LiveKit's server webhooks in LiveKit's own format: proto3 JSON from Go (lowerCamelCase, int64 as
 * strings, zero values left out, a space after commas), signed over exactly these bytes.
 */
@IngressTest
class LivekitEventsIntegrationTests {
    static final String CALLER = "+15551234567";
    private static final long JOINED_MS = 1_795_000_000_123L;
    private static final long LEFT_S = 1_795_000_095L;

    @Autowired
    WebTestClient client;

    @Test
    void aSipCallersJoinStartsTheCallWhenSipInboundDidNotAndDispatchesTheRoutedAgent() {
        Call call = new Call();
        accepted(call.joined(), "call_started");

        CallStarted started = single(Topics.CALL_STARTED, call.room, r -> r.getCallId().equals(call.id)).value();
        assertThat(started.getSource().name()).isEqualTo("livekit_webhook");
        assertThat(started.getFromNumber()).isEqualTo(CALLER);
        assertThat(started.getToNumber()).isEqualTo(call.to);
        assertThat(started.getTrunkId()).isEqualTo("ST_3Jv7");
        assertThat(started.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(JOINED_MS));
        assertThat(started.getAgentName()).isEqualTo("telephony-agent");
        assertThat(started.getAnsweredAt()).isEqualTo(Instant.ofEpochMilli(JOINED_MS));
        assertThat(started.getDispatch()).isEqualTo("webhook");
        assertThat(SharedFakeLivekit.get().dispatches(call.room)).singleElement().satisfies(d -> {
            assertThat(d.getId()).isEqualTo(started.getDispatchId());
            assertThat(d.getAgentName()).isEqualTo("telephony-agent");
            assertThat(d.getMetadata()).isEqualTo(started.getMetadata());
        });
    }

    @Test
    void aJoinAfterSipInboundReportsTheAnswerAndTheDispatchUnderAnEventIdOfItsOwn() {
        Call call = new Call();
        Livekit.sipInbound(client, Livekit.sipInboundBody(call.id, CALLER, call.to, call.room)).expectStatus().isOk();
        accepted(call.joined(), "call_answered");
        List<CallStarted> reports = await().atMost(Duration.ofSeconds(20)).until(
                () -> records(Topics.CALL_STARTED, call.room).stream().map(ConsumerRecord::value).toList(), r -> r.size() == 2);
        assertThat(reports).extracting(CallStarted::getCallId).containsOnly(call.id);
        assertThat(reports).extracting(CallStarted::getEventId).doesNotHaveDuplicates();
        assertThat(reports.getFirst().getAnsweredAt()).isNull();
        assertThat(reports.getLast().getAnsweredAt()).isEqualTo(Instant.ofEpochMilli(JOINED_MS));
        assertThat(reports.getLast().getDispatch()).isEqualTo("webhook");
        assertThat(SharedFakeLivekit.get().dispatches(call.room)).hasSize(1);
    }

    @Test
    void theCallerLeavingEndsTheCallAtTheEventsTime() {
        Call call = new Call();
        accepted(call.left(), "call_ended");

        CallEnded ended = single(Topics.CALL_ENDED, call.room, r -> true).value();
        assertThat(ended.getOccurredAt()).isEqualTo(Instant.ofEpochSecond(LEFT_S));
        assertThat(ended.getCallId()).isEqualTo(call.id);
        assertThat(ended.getDisconnectReason()).isEqualTo("CLIENT_INITIATED");
        assertThat(ended.getFromNumber()).isEqualTo(CALLER);
        assertThat(ended.getParticipantIdentity()).isEqualTo("sip_" + CALLER);
    }

    @Test
    void theRoomFinishingIsRecorded() {
        Call call = new Call();
        accepted(call.finished(), "room_finished");
        RoomFinished finished = single(Topics.ROOM_FINISHED, call.room, r -> true).value();
        assertThat(finished.getRoomSid()).isEqualTo("RM_" + call.id);
        assertThat(finished.getRoomCreatedAt()).isEqualTo(Instant.ofEpochMilli(JOINED_MS - 2_000));
        assertThat(finished.getOccurredAt()).isEqualTo(Instant.ofEpochSecond(LEFT_S + 20));
    }

    @Test
    void aRedeliveredEventIsAcknowledgedButNotEmittedAgain() {
        Call call = new Call();
        String body = call.left();
        accepted(body, "call_ended");
        accepted(body, "duplicate");
        await().atMost(Duration.ofSeconds(20)).until(() -> !records(Topics.CALL_ENDED, call.room).isEmpty());
        assertThat(records(Topics.CALL_ENDED, call.room)).hasSize(1);
    }

    @Test
    void otherEventsAndOtherParticipantsAreIgnored() {
        Call call = new Call();
        accepted(call.joined().replace("\"kind\":\"SIP\"", "\"kind\":\"AGENT\""), "ignored");
        accepted("{\"event\":\"track_published\", \"room\":{\"name\":\"" + call.room + "\"}, \"id\":\"EV_t" + call.id
                + "\", \"createdAt\":\"" + LEFT_S + "\"}", "ignored");
        assertThat(records(Topics.CALL_STARTED, call.room)).isEmpty();
    }

    @Test
    void badSignaturesAndBadBodiesAreRefused() {
        Call call = new Call();
        String body = call.left();
        client.post().uri("/api/v1/webhooks/livekit/events").contentType(Livekit.WEBHOOK_JSON)
                .header("Authorization", Livekit.sign(body, Livekit.KEY, "wrong")).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        client.post().uri("/api/v1/webhooks/livekit/events").contentType(Livekit.WEBHOOK_JSON)
                .header("Authorization", Livekit.sign(body + " ")).bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("sha256"));
        client.post().uri("/api/v1/webhooks/livekit/events").contentType(MediaType.TEXT_PLAIN)
                .header("Authorization", Livekit.sign(body)).bodyValue(body).exchange().expectStatus().isEqualTo(415);
        String broken = "{\"event\":\"participant_left\", \"room\":";
        Livekit.event(client, broken).expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("malformed_json");
        assertThat(records(Topics.CALL_ENDED, call.room)).isEmpty();
    }

    private void accepted(String body, String status) {
        Livekit.event(client, body).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo(status);
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, V>> records(
            io.switchboard.events.Topic<V> topic, String room) {
        return TopicReader.readAll(topic).stream().filter(r -> r.key().equals(room)).toList();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> ConsumerRecord<String, V> single(
            io.switchboard.events.Topic<V> topic, String room, java.util.function.Predicate<V> match) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> records(topic, room).stream().filter(r -> match.test(r.value())).toList(),
                found -> found.size() == 1).getFirst();
    }

    /** One SIP call's webhooks, byte for byte as LiveKit would send them. */
    static final class Call {
        final String id;
        final String room;
        final String to;

        Call() {
            this.id = "SCL_" + UUID.randomUUID().toString().substring(0, 10);
            this.room = "call-_" + CALLER + "_" + id;
            this.to = RoutingEntries.freshNumber();
        }

        /** A call LiveKit put in {@code room}, to {@code to}. */
        Call(String id, String room, String to) {
            this.id = id;
            this.room = room;
            this.to = to;
        }

        String room() {
            return "{\"sid\":\"RM_" + id + "\", \"name\":\"" + room + "\", \"emptyTimeout\":300, \"departureTimeout\":20, "
                    + "\"creationTime\":\"" + (JOINED_MS - 2_000) / 1000 + "\", \"creationTimeMs\":\"" + (JOINED_MS - 2_000)
                    + "\", \"enabledCodecs\":[{\"mime\":\"audio/opus\"}, {\"mime\":\"audio/red\"}]}";
        }

        String participant(String state, String extra) {
            return "{\"sid\":\"PA_" + id + "\", \"identity\":\"sip_" + CALLER + "\", \"state\":\"" + state + "\", "
                    + "\"joinedAt\":\"" + JOINED_MS / 1000 + "\", \"joinedAtMs\":\"" + JOINED_MS + "\", "
                    + "\"name\":\"Phone " + CALLER + "\", \"version\":2, \"permission\":{\"canSubscribe\":true, "
                    + "\"canPublish\":true, \"canPublishData\":true}, \"kind\":\"SIP\", \"attributes\":{"
                    + "\"sip.callID\":\"" + id + "\", \"sip.callStatus\":\"active\", \"sip.phoneNumber\":\"" + CALLER + "\", "
                    + "\"sip.trunkID\":\"ST_3Jv7\", \"sip.trunkPhoneNumber\":\"" + to + "\"}" + extra + "}";
        }

        String joined() {
            return "{\"event\":\"participant_joined\", \"room\":" + room() + ", \"participant\":" + participant("ACTIVE", "")
                    + ", \"id\":\"EV_j" + id + "\", \"createdAt\":\"" + JOINED_MS / 1000 + "\"}";
        }

        String left() {
            return "{\"event\":\"participant_left\", \"room\":" + room() + ", \"participant\":"
                    + participant("DISCONNECTED", ", \"disconnectReason\":\"CLIENT_INITIATED\"")
                    + ", \"id\":\"EV_l" + id + "\", \"createdAt\":\"" + LEFT_S + "\"}";
        }

        String finished() {
            return "{\"event\":\"room_finished\", \"room\":" + room() + ", \"id\":\"EV_f" + id + "\", \"createdAt\":\""
                    + (LEFT_S + 20) + "\"}";
        }
    }
}
