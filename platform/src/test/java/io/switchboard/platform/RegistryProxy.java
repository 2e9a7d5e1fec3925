package io.switchboard.platform;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The real schema registry behind a switch: while down, every request is answered 503 (a registry that is restarting),
 * or with a chosen status and JSON body (a registry whose own database is gone answers 500 with a problem document).
 */
public final class RegistryProxy implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpServer server;
    private volatile boolean up;
    private volatile boolean silent;
    private volatile int downStatus = 503;
    private volatile byte[] downBody = new byte[0];

    public RegistryProxy(String registryUrl) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!up && silent) {
                    awaitUp();
                }
                if (!up) {
                    byte[] body = downBody;
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(downStatus, body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
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
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Holds a request until the registry is up (or the proxy closed): a registry that takes it and never answers. */
    private synchronized void awaitUp() throws InterruptedException {
        while (!up && silent) {
            wait();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized void up(boolean up) {
        this.up = up;
        notifyAll();
    }

    /** While down, take each request and answer nothing until up. */
    public synchronized void silentWhileDown() {
        this.silent = true;
        notifyAll();
    }

    /** While down, answer with this status and JSON body instead of an empty 503. */
    public void downAnswers(int status, String json) {
        this.downStatus = status;
        this.downBody = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        synchronized (this) {
            silent = false;
            notifyAll();
        }
        server.stop(0);
    }
}
