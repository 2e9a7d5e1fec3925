package io.switchboard.ingress.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.SIPCall;
import io.livekit.server.SipService;
import io.switchboard.ingress.IngressProperties;
import java.io.IOException;
import java.time.Duration;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPParticipantInfo;
import okhttp3.OkHttpClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls out through LiveKit's SIP service (CreateSIPParticipant, waiting until the callee answers). A dial is never
 * retried here: a second request could ring the callee twice. LiveKit's refusal comes back as {@link Refused}, with
 * the SIP status when the far end gave one (Twirp meta {@code sip_status_code}).
 */
@Component
public class LivekitDialer {
    /** LiveKit did not place the call, or the callee did not answer: {@code sipCode} null when no SIP status came. */
    public static final class Refused extends RuntimeException {
        private final Integer sipCode;

        Refused(String message, Integer sipCode) {
            super(message);
            this.sipCode = sipCode;
        }

        public Integer sipCode() {
            return sipCode;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngressProperties ingress;
    private final SipService sip;

    LivekitDialer(LivekitApiProperties properties, IngressProperties ingress) {
        this.ingress = ingress;
        this.sip = properties.enabled() ? new retrofit2.Retrofit.Builder()
                .baseUrl(properties.url().replaceFirst("^ws", "http"))
                .addConverterFactory(retrofit2.converter.protobuf.ProtoConverterFactory.create())
                .client(new OkHttpClient.Builder().callTimeout(Duration.ZERO).readTimeout(Duration.ofMinutes(5)).build())
                .build().create(SipService.class) : null;
    }

    public boolean enabled() {
        return sip != null;
    }

    /** Dials; completes when the callee answered, or fails with {@link Refused} (or an I/O error: LiveKit unreachable). */
    public Mono<SIPParticipantInfo> dial(CreateSIPParticipantRequest request, Duration deadline) {
        return Mono.<SIPParticipantInfo>create(sink -> {
            Call<SIPParticipantInfo> call = sip.createSipParticipant(request, auth());
            sink.onCancel(call::cancel);
            call.enqueue(new Callback<>() {
                @Override
                public void onResponse(Call<SIPParticipantInfo> c, Response<SIPParticipantInfo> response) {
                    if (response.isSuccessful() && response.body() != null) {
                        sink.success(response.body());
                    } else {
                        sink.error(refusal(response));
                    }
                }

                @Override
                public void onFailure(Call<SIPParticipantInfo> c, Throwable t) {
                    sink.error(t);
                }
            });
        }).timeout(deadline);
    }

    private static Refused refusal(Response<?> response) {
        String body = "";
        try (var errorBody = response.errorBody()) {
            body = errorBody == null ? "" : errorBody.string();
        } catch (IOException ignored) {
            // the status alone then
        }
        try {
            JsonNode error = JSON.readTree(body);
            String code = error.path("meta").path("sip_status_code").asString("");
            return new Refused("LiveKit answered " + response.code() + " " + error.path("code").asString("") + ": "
                    + error.path("msg").asString(""), code.matches("\\d{3}") ? Integer.valueOf(code) : null);
        } catch (RuntimeException notJson) {
            return new Refused("LiveKit answered " + response.code(), null);
        }
    }

    private String auth() {
        AccessToken token = new AccessToken(ingress.livekitApiKey(), ingress.livekitApiSecret());
        token.setTtl(600_000L);
        token.addSIPGrants(new SIPCall(true));
        return "Bearer " + token.toJwt();
    }
}
