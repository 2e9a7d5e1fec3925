package io.switchboard.stack.testing.telnyx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Telnyx's Call Control API, for tests (no Telnyx account can be reached from here): it answers
 * {@code POST /v2/calls/{call_control_id}/actions/{action}} as Telnyx does, refuses a missing or wrong bearer key with
 * 401, keeps every command it accepted (in order) for assertions, and fails the next requests on demand. Bound to
 * 127.0.0.1 only.
 */
public final class FakeTelnyx implements AutoCloseable {
    private static final Pattern ACTION = Pattern.compile("^/v2/calls/([^/]+)/actions/([a-z_]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command Telnyx accepted: the call it was for, the action ({@code answer}, {@code transfer}, ...), its body. */
    public record Command(String callControlId, String action, JsonNode body) {
    }

    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final List<Command> commands = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 500;

    private FakeTelnyx(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(workers);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    public static FakeTelnyx start(String apiKey) throws IOException {
        return new FakeTelnyx(apiKey);
    }

    /** The API's base URL, as TELNYX_API_URL takes it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    /** The next {@code n} requests (authorised or not) are answered {@code status} and change nothing. */
    public void failNext(int n, int status) {
        failStatus = status;
        failNext.set(n);
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    public synchronized List<Command> commands(String callControlId) {
        return commands.stream().filter(c -> c.callControlId().equals(callControlId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, failStatus, "service_unavailable", "failure on demand");
                return;
            }
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "authentication_failed", "The API key is missing or wrong.");
                return;
            }
            Matcher m = ACTION.matcher(exchange.getRequestURI().getRawPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
                reply(exchange, 404, "not_found", "no such resource");
                return;
            }
            JsonNode parsed;
            try {
                parsed = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            } catch (IOException e) {
                reply(exchange, 422, "invalid_parameters", "the body is not JSON");
                return;
            }
            synchronized (this) {
                commands.add(new Command(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), m.group(2), parsed));
            }
            byte[] ok = "{\"data\":{\"result\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    private static void reply(HttpExchange exchange, int status, String code, String detail) throws IOException {
        byte[] out = JSON.writeValueAsBytes(java.util.Map.of("errors", List.of(java.util.Map.of("code", code, "title", detail))));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
