package io.switchboard.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running launcher's control socket ({@code <data dir>/launcher.sock}, a Unix domain socket: only this machine's
 * users with access to the data folder reach it). One request line per connection, {@code status},
 * {@code stop NAME}, {@code start NAME} or {@code restart NAME} (NAME: a service's module name, or a part such as
 * postgres); the answer is lines of text ending with {@code ok} or {@code error: ...}. The launcher still owns
 * every process: Ctrl-C stops a service started again this way like any other.
 */
public final class StackControl implements AutoCloseable {
    public static final String SOCKET = "launcher.sock";

    private final Stack stack;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Consumer<String> log;

    private StackControl(Stack stack, Path socket, ServerSocketChannel server, Consumer<String> log) {
        this.stack = stack;
        this.socket = socket;
        this.server = server;
        this.log = log;
    }

    /** Listens on the data folder's socket until closed; a stale socket file of a launcher that died is replaced. */
    public static StackControl open(Stack stack, Path dataDir, Consumer<String> log) throws IOException {
        Path socket = dataDir.resolve(SOCKET);
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        StackControl control = new StackControl(stack, socket, server, log);
        Thread thread = new Thread(control::serve, "stack-control");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept();
                 var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                 var out = new PrintWriter(new OutputStreamWriter(Channels.newOutputStream(client), StandardCharsets.UTF_8), true)) {
                String request = in.readLine();
                try {
                    handle(request == null ? "" : request.trim(), out);
                    out.println("ok");
                } catch (Exception e) {
                    out.println("error: " + e.getMessage());
                }
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.accept("control socket: " + e.getMessage());
                }
            }
        }
    }

    private void handle(String request, PrintWriter out) throws Exception {
        String[] words = request.split("\\s+");
        if (words[0].equals("status")) {
            stack.restartableParts().forEach((name, part) -> out.println(String.format("%-18s %s", name,
                    part.running() ? "running" : "stopped")));
            return;
        }
        if (words.length != 2) {
            throw new IllegalArgumentException("expected status, or stop|start|restart NAME; got: " + request);
        }
        RestartablePart<?> part = part(words[1]);
        switch (words[0]) {
            case "stop" -> part.stop();
            case "start" -> part.start();
            case "restart" -> {
                if (part.running()) {
                    part.stop();
                }
                part.start();
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        }
        log.accept(words[0] + " " + part.name() + ": done (asked through " + SOCKET + ")");
        out.println(part.name() + " " + (part.running() ? "running" : "stopped"));
    }

    /** By its name, or a service by its short name (calllog for calllog-service). */
    private RestartablePart<?> part(String name) {
        Map<String, RestartablePart<?>> parts = stack.restartableParts();
        RestartablePart<?> part = parts.getOrDefault(name, parts.get(name + "-service"));
        if (part == null) {
            throw new IllegalArgumentException("no part " + name + "; parts: " + String.join(", ", parts.keySet()));
        }
        return part;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
