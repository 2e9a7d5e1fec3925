package io.switchboard.ingress.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomCreate;
import io.livekit.server.RoomList;
import io.livekit.server.RoomName;
import io.livekit.server.RoomService;
import io.switchboard.ingress.IngressProperties;
import java.time.Duration;
import java.util.Map;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitModels.Room;
import livekit.LivekitRoom.CreateRoomRequest;
import livekit.LivekitRoom.DeleteRoomRequest;
import livekit.LivekitRoom.ListRoomsRequest;
import livekit.LivekitRoom.UpdateParticipantRequest;
import okhttp3.OkHttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * LiveKit rooms made ahead of a call, for edges that bridge the call into a room of their own naming (Telnyx): the
 * room is created with the routed agent in its configuration, so LiveKit dispatches the agent as the room starts and
 * no second request is needed. Also a participant's attributes, where a call's own facts reach its agent. Through the
 * SDK's own Twirp interface, since its {@code RoomServiceClient} cannot pass a room's agents. Requests run on
 * OkHttp's threads, retried a little while LiveKit is unavailable.
 */
@Component
@EnableConfigurationProperties(LivekitApiProperties.class)
public class LivekitRooms {
    private final LivekitApiProperties properties;
    private final IngressProperties ingress;
    private final RoomService rooms;

    LivekitRooms(LivekitApiProperties properties, IngressProperties ingress) {
        this.properties = properties;
        this.ingress = ingress;
        this.rooms = properties.enabled() ? new retrofit2.Retrofit.Builder()
                .baseUrl(properties.url().replaceFirst("^ws", "http"))
                .addConverterFactory(retrofit2.converter.protobuf.ProtoConverterFactory.create())
                .client(new OkHttpClient.Builder().callTimeout(properties.requestTimeout()).build())
                .build().create(RoomService.class) : null;
    }

    public boolean enabled() {
        return rooms != null;
    }

    /** Creates {@code room} with {@code agent} dispatched into it (LiveKit answers an existing room as it is). */
    public Mono<Room> createWithAgent(String room, String agent, String metadata, Duration emptyTimeout) {
        CreateRoomRequest request = CreateRoomRequest.newBuilder().setName(room)
                .setEmptyTimeout((int) emptyTimeout.toSeconds())
                .addAgents(RoomAgentDispatch.newBuilder().setAgentName(agent).setMetadata(metadata)).build();
        return retried(LivekitCalls.send(() -> rooms.createRoom(request, auth())));
    }

    /** Deletes {@code room}; one LiveKit no longer has counts as deleted. */
    public Mono<Void> delete(String room) {
        DeleteRoomRequest request = DeleteRoomRequest.newBuilder().setRoom(room).build();
        return retried(LivekitCalls.send(() -> rooms.deleteRoom(request, auth())))
                .onErrorResume(LivekitCalls.Missing.class, e -> Mono.empty()).then();
    }

    /** Whether LiveKit has {@code room} now. */
    public Mono<Boolean> exists(String room) {
        ListRoomsRequest request = ListRoomsRequest.newBuilder().addNames(room).build();
        return retried(LivekitCalls.send(() -> rooms.listRooms(request, auth()))).map(r -> r.getRoomsCount() > 0);
    }

    /** Merges {@code attributes} into a participant's own; LiveKit tells everyone in the room, its agent included. */
    public Mono<Void> updateAttributes(String room, String identity, Map<String, String> attributes) {
        UpdateParticipantRequest request = UpdateParticipantRequest.newBuilder().setRoom(room).setIdentity(identity)
                .putAllAttributes(attributes).build();
        return retried(LivekitCalls.send(() -> rooms.updateParticipant(request, admin(room)))).then();
    }

    private <T> Mono<T> retried(Mono<T> request) {
        return request.retryWhen(Retry.backoff(3, Duration.ofMillis(100))
                        .filter(e -> e instanceof LivekitCalls.Unavailable))
                .timeout(properties.dispatchDeadline());
    }

    private String auth() {
        AccessToken token = new AccessToken(ingress.livekitApiKey(), ingress.livekitApiSecret());
        token.setTtl(600_000L);
        token.addGrants(new RoomCreate(true), new RoomList(true));
        return "Bearer " + token.toJwt();
    }

    /** Administration of one room (its participants), as LiveKit asks for UpdateParticipant. */
    private String admin(String room) {
        AccessToken token = new AccessToken(ingress.livekitApiKey(), ingress.livekitApiSecret());
        token.setTtl(600_000L);
        token.addGrants(new RoomAdmin(true), new RoomName(room));
        return "Bearer " + token.toJwt();
    }
}
