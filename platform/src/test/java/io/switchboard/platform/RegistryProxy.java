package io.switchboard.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The real schema registry behind a switch: while down, every request is answered 503, as by a registry that is restarting. */
public final class RegistryProxy implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpServer server;
    private volatile boolean up;

    public RegistryProxy(String registryUrl) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!up) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl
                                + exchange.getRequestURI())).method(exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void up(boolean up) {
        this.up = up;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
