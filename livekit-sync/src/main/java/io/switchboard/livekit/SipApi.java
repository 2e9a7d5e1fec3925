package io.switchboard.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.SIPAdmin;
import io.livekit.server.SipService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import livekit.LivekitModels.ListUpdate;
import livekit.LivekitModels.Pagination;
import livekit.LivekitSip.CreateSIPDispatchRuleRequest;
import livekit.LivekitSip.CreateSIPInboundTrunkRequest;
import livekit.LivekitSip.DeleteSIPDispatchRuleRequest;
import livekit.LivekitSip.DeleteSIPTrunkRequest;
import livekit.LivekitSip.ListSIPDispatchRuleRequest;
import livekit.LivekitSip.ListSIPInboundTrunkRequest;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPInboundTrunkUpdate;
import livekit.LivekitSip.UpdateSIPDispatchRuleRequest;
import livekit.LivekitSip.UpdateSIPInboundTrunkRequest;
import okhttp3.OkHttpClient;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.protobuf.ProtoConverterFactory;

/**
 * LiveKit's SIP service through the SDK's own Twirp interface ({@link SipService}) and protocol classes. The SDK's
 * {@code SipServiceClient} wraps the same interface but cannot set a rule's called {@code numbers}, its room
 * configuration on update, or page through lists, which the sync needs. Calls block: the sync runs them on its own
 * thread, never on an event loop.
 */
final class SipApi {
    static final int PAGE = 1000;

    private final SipService sip;
    private final LivekitConnection connection;
    private final AtomicLong calls = new AtomicLong();

    SipApi(LivekitConnection connection) {
        this.connection = connection;
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(connection.timeout()).build();
        String base = connection.url().endsWith("/") ? connection.url() : connection.url() + "/";
        this.sip = new Retrofit.Builder().baseUrl(base.replaceFirst("^ws", "http"))
                .addConverterFactory(ProtoConverterFactory.create()).client(http).build().create(SipService.class);
    }

    /** Requests sent so far, whatever their outcome. */
    long calls() {
        return calls.get();
    }

    List<SIPInboundTrunkInfo> inboundTrunks() {
        return paged(page -> call(sip.listSIPInboundTrunk(ListSIPInboundTrunkRequest.newBuilder().setPage(page).build(),
                auth())).getItemsList(), SIPInboundTrunkInfo::getSipTrunkId);
    }

    List<SIPDispatchRuleInfo> dispatchRules() {
        return paged(page -> call(sip.listSipDispatchRule(ListSIPDispatchRuleRequest.newBuilder().setPage(page).build(),
                auth())).getItemsList(), SIPDispatchRuleInfo::getSipDispatchRuleId);
    }

    /** Every item, {@value #PAGE} per request, each page after the last id of the one before (LiveKit sorts by id). */
    private static <T> List<T> paged(Function<Pagination, List<T>> fetch, Function<T, String> id) {
        List<T> all = new ArrayList<>();
        String after = "";
        while (true) {
            List<T> items = fetch.apply(Pagination.newBuilder().setLimit(PAGE).setAfterId(after).build());
            all.addAll(items);
            if (items.size() < PAGE) {
                return all;
            }
            after = id.apply(items.getLast());
        }
    }

    SIPInboundTrunkInfo createTrunk(String name, List<String> numbers, TrunkAccess access) {
        var trunk = SIPInboundTrunkInfo.newBuilder().setName(name).addAllNumbers(numbers)
                .addAllAllowedAddresses(access.allowedAddresses()).setAuthUsername(access.authUsername())
                .setAuthPassword(access.authPassword()).build();
        return call(sip.createSipInboundTrunk(CreateSIPInboundTrunkRequest.newBuilder().setTrunk(trunk).build(), auth()));
    }

    SIPInboundTrunkInfo changeTrunkNumbers(String trunkId, List<String> add, List<String> remove) {
        var numbers = ListUpdate.newBuilder().addAllAdd(add).addAllRemove(remove);
        return call(sip.updateSipInboundTrunk(UpdateSIPInboundTrunkRequest.newBuilder().setSipTrunkId(trunkId)
                .setUpdate(SIPInboundTrunkUpdate.newBuilder().setNumbers(numbers)).build(), auth()));
    }

    /** An empty list cannot be "set": the current addresses are removed instead. */
    SIPInboundTrunkInfo secureTrunk(String trunkId, List<String> currentAddresses, TrunkAccess access) {
        var addresses = access.allowedAddresses().isEmpty() ? ListUpdate.newBuilder().addAllRemove(currentAddresses)
                : ListUpdate.newBuilder().addAllSet(access.allowedAddresses());
        var update = SIPInboundTrunkUpdate.newBuilder().setAllowedAddresses(addresses)
                .setAuthUsername(access.authUsername()).setAuthPassword(access.authPassword());
        return call(sip.updateSipInboundTrunk(UpdateSIPInboundTrunkRequest.newBuilder().setSipTrunkId(trunkId)
                .setUpdate(update).build(), auth()));
    }

    void deleteTrunk(String trunkId) {
        call(sip.deleteSipTrunk(DeleteSIPTrunkRequest.newBuilder().setSipTrunkId(trunkId).build(), auth()));
    }

    SIPDispatchRuleInfo createRule(SIPDispatchRuleInfo rule) {
        return call(sip.createSipDispatchRule(CreateSIPDispatchRuleRequest.newBuilder().setDispatchRule(rule).build(), auth()));
    }

    SIPDispatchRuleInfo replaceRule(String ruleId, SIPDispatchRuleInfo rule) {
        return call(sip.updateSipDispatchRule(UpdateSIPDispatchRuleRequest.newBuilder().setSipDispatchRuleId(ruleId)
                .setReplace(rule).build(), auth()));
    }

    void deleteRule(String ruleId) {
        call(sip.deleteSipDispatchRule(DeleteSIPDispatchRuleRequest.newBuilder().setSipDispatchRuleId(ruleId).build(), auth()));
    }

    private String auth() {
        AccessToken token = new AccessToken(connection.apiKey(), connection.apiSecret());
        token.setTtl(600_000L);
        token.addSIPGrants(new SIPAdmin(true));
        return "Bearer " + token.toJwt();
    }

    private <T> T call(Call<T> request) {
        calls.incrementAndGet();
        Response<T> response;
        try {
            response = request.execute();
        } catch (IOException e) {
            throw new LivekitException("LiveKit did not answer " + request.request().url().encodedPath() + ": " + e, true, e);
        }
        if (response.isSuccessful()) {
            return response.body();
        }
        int code = response.code();
        String detail = errorBody(response);
        throw new LivekitException("LiveKit answered " + code + " to " + request.request().url().encodedPath() + ": " + detail,
                code == 429 || code >= 500, null);
    }

    private static String errorBody(Response<?> response) {
        try (var body = response.errorBody()) {
            return body == null ? "" : body.string();
        } catch (IOException e) {
            return "";
        }
    }
}
