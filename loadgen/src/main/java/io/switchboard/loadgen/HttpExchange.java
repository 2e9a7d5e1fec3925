package io.switchboard.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One non-blocking keep-alive HTTP/1.1 connection with at most one request in flight: writes the request's
 * prepared bytes, then gathers the answer until it is complete (by Content-Length or chunks) and reports its
 * status. A connection the server closed is opened again for the next request.
 */
final class HttpExchange implements AutoCloseable {
    /** The answer is not complete yet. */
    static final int PENDING = 0;
    /** The connection closed (or failed) before the answer was complete. */
    static final int CLOSED = -2;
    private static final byte[] LINE_END = {'\r', '\n'};
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final InetSocketAddress address;
    private final Selector selector;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer out;
    private ByteBuffer in = ByteBuffer.allocate(8 * 1024);
    private byte[] request;
    private int index;
    private long due;
    private boolean resent;

    HttpExchange(InetSocketAddress address, Selector selector) throws IOException {
        this.address = address;
        this.selector = selector;
        connect();
    }

    private void connect() throws IOException {
        channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        key = channel.register(selector, SelectionKey.OP_READ, this);
        in.clear();
    }

    /** A POST with a JSON body, as prepared bytes. */
    static byte[] post(String host, int port, String path, String token, String body) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\n"
                + "Authorization: " + token + "\r\nContent-Length: " + payload.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + payload.length);
        System.arraycopy(payload, 0, request, headBytes.length, payload.length);
        return request;
    }

    int index() {
        return index;
    }

    long due() {
        return due;
    }

    /** Starts an exchange; false when no connection could carry it. */
    boolean send(int index, long due, byte[] request) {
        this.index = index;
        this.due = due;
        this.request = request;
        this.resent = false;
        return write();
    }

    /** The server closed the connection before answering (an idle keep-alive timeout): one more try. */
    boolean resend() {
        if (resent || request == null) {
            return false;
        }
        resent = true;
        return write();
    }

    private boolean write() {
        try {
            if (channel == null) {
                connect();
            }
            in.clear();
            out = ByteBuffer.wrap(request);
            flush();
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    int writeMore() {
        try {
            flush();
            return PENDING;
        } catch (IOException e) {
            close();
            return CLOSED;
        }
    }

    /** Writes what the socket takes now; the selector reports writability only while some is left. */
    private void flush() throws IOException {
        channel.write(out);
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what arrived: the answer's status once it is complete, else {@link #PENDING} or {@link #CLOSED}. */
    int read() {
        try {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                close();
                return request == null ? PENDING : CLOSED; // an idle connection closed: reopened on the next send
            }
            int status = status(in.array(), in.position());
            if (status >= 0) {
                in.clear();
                request = null;
                return status;
            }
            return PENDING;
        } catch (IOException e) {
            close();
            return CLOSED;
        }
    }

    /** The status of the complete HTTP/1.1 answer in {@code b[0, length)}, or -1 while it is incomplete. */
    static int status(byte[] b, int length) {
        int headEnd = find(b, 0, length, HEAD_END);
        if (headEnd < 0) {
            return -1;
        }
        String head = new String(b, 0, headEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        long contentLength = 0;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        int body = headEnd + 4;
        return (chunked ? chunksEnd(b, body, length) >= 0 : body + contentLength <= length) ? status : -1;
    }

    /** Where the chunked body starting at {@code at} ends (after its last chunk and trailer), or -1. */
    private static int chunksEnd(byte[] b, int at, int length) {
        while (true) {
            int lineEnd = find(b, at, length, LINE_END);
            if (lineEnd < 0) {
                return -1;
            }
            String size = new String(b, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            long n = Long.parseLong(size, 16);
            if (n == 0) { // then trailer lines, if any, and an empty line
                int end = find(b, lineEnd, length, HEAD_END);
                return end < 0 ? -1 : end + HEAD_END.length;
            }
            at = (int) (lineEnd + 2 + n + 2);
            if (at > length) {
                return -1;
            }
        }
    }

    private static int find(byte[] b, int from, int length, byte[] w) {
        for (int i = Math.max(0, from); i + w.length <= length; i++) {
            if (Arrays.equals(b, i, i + w.length, w, 0, w.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
        }
    }
}
