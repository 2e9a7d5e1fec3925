package io.switchboard.ingress.livekit;

import java.io.IOException;
import reactor.core.publisher.Mono;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/** The SDK's requests as Monos: sent on OkHttp's own threads (never an event loop), cancelled when unsubscribed. */
public final class LivekitCalls {
    private LivekitCalls() {
    }

    /** LiveKit did not answer, or answered 429 or 5xx: worth retrying. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code call} is made anew on every subscription (a retry), since an SDK call can be sent only once. */
    /** LiveKit answered 404: what was asked for is not there (e.g. a dispatch another instance deleted first). */
    public static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message);
        }
    }

    public static <T> Mono<T> send(java.util.function.Supplier<Call<T>> calls) {
        return Mono.<T>create(sink -> {
            Call<T> call = calls.get();
            sink.onCancel(call::cancel);
            call.enqueue(new Callback<>() {
                @Override
                public void onResponse(Call<T> c, Response<T> response) {
                    if (response.isSuccessful()) {
                        if (response.body() == null) {
                            sink.success();
                        } else {
                            sink.success(response.body());
                        }
                    } else if (response.code() == 404) {
                        sink.error(new Missing("LiveKit answered 404"));
                    } else if (response.code() == 429 || response.code() >= 500) {
                        sink.error(new Unavailable("LiveKit answered " + response.code(), null));
                    } else {
                        sink.error(new IllegalStateException("LiveKit refused the request: " + response.code()));
                    }
                }

                @Override
                public void onFailure(Call<T> c, Throwable t) {
                    sink.error(t instanceof IOException ? new Unavailable("LiveKit did not answer: " + t, t) : t);
                }
            });
        });
    }
}
