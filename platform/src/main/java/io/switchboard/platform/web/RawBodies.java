package io.switchboard.platform.web;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Arrays;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request's raw body, as a signature over it needs it, and the one place that enforces a body's size limit: a
 * larger declared length is refused (413) before anything is read, and a body that grows past the limit while it
 * arrives is refused as soon as it does. For WebFlux handlers and for routes served by Reactor Netty directly.
 */
public final class RawBodies {
    private final int maxBytes;

    public RawBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** A WebFlux request's body; empty bytes for no body. */
    public Mono<byte[]> read(ServerHttpRequest request) {
        if (request.getHeaders().getContentLength() > maxBytes) {
            return Mono.error(ApiException.payloadTooLarge());
        }
        // past the limit join fails with DataBufferLimitException, which ApiErrorHandler answers 413
        return DataBufferUtils.join(request.getBody(), maxBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    /** A Reactor Netty request's body; empty bytes for no body. */
    public Mono<byte[]> read(HttpServerRequest request) {
        if (declaredLength(request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH)) > maxBytes) {
            return Mono.error(ApiException.payloadTooLarge());
        }
        return request.receive().reduceWith(() -> new Body(maxBytes), Body::append).map(Body::bytes)
                .defaultIfEmpty(new byte[0]);
    }

    /** The declared Content-Length, or -1 (Netty's decoder has already refused a malformed one). */
    private static long declaredLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Collects the body's chunks, failing as soon as they exceed the limit (Netty releases each chunk). */
    private static final class Body {
        private final int max;
        private byte[] bytes = new byte[1024];
        private int length;

        Body(int max) {
            this.max = max;
        }

        Body append(ByteBuf chunk) {
            int n = chunk.readableBytes();
            if (length + n > max) {
                throw ApiException.payloadTooLarge();
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(bytes.length * 2, length + n)));
            }
            chunk.readBytes(bytes, length, n);
            length += n;
            return this;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
