package io.switchboard.stack.cli;

import io.switchboard.stack.StackControl;
import io.switchboard.stack.StackHome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Per-part control of a running {@code ./switchboard run}, through its control socket ({@link StackControl}). */
final class ServiceCommands {
    private ServiceCommands() {
    }

    abstract static class Control implements Callable<Integer> {
        @Option(names = "--data-dir", description = "The running stack's data folder (default: <checkout>/.data).")
        Path dataDir;

        Path data() {
            return dataDir == null ? StackHome.locate().resolve(".data") : dataDir;
        }

        /** Sends one request to the launcher and prints its answer; 0 when it ends with ok. */
        int send(String request) throws IOException {
            return ask(data(), request, System.out::println) ? 0 : 1;
        }
    }

    /** Sends a request to the launcher whose data folder is {@code data}; true when it answered ok. */
    static boolean ask(Path data, String request, java.util.function.Consumer<String> out) throws IOException {
        Path socket = data.resolve(StackControl.SOCKET);
        if (!Files.exists(socket)) {
            throw new IOException("no running ./switchboard run with data in " + data + " (no " + socket + ")");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            var writer = new PrintWriter(Channels.newOutputStream(channel), true, StandardCharsets.UTF_8);
            writer.println(request);
            var reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String last = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                out.accept(line);
                last = line;
            }
            return "ok".equals(last);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Which parts of the running stack run.")
    static final class Status extends Control {
        @Override
        public Integer call() throws IOException {
            return send("status");
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop one part of the running stack (calllog, ingress, routing, postgres, kafka, ...).")
    static final class Stop extends Control {
        @Parameters(index = "0") String part;

        @Override
        public Integer call() throws IOException {
            return send("stop " + part);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a stopped part again; returns once it is ready.")
    static final class Start extends Control {
        @Parameters(index = "0") String part;

        @Override
        public Integer call() throws IOException {
            return send("start " + part);
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, description = "Stop a part politely and start it again.")
    static final class Restart extends Control {
        @Parameters(index = "0") String part;

        @Override
        public Integer call() throws IOException {
            return send("restart " + part);
        }
    }

    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a service's log (the last lines; --follow for more).")
    static final class Logs extends Control {
        @Parameters(index = "0", description = "ingress, routing, calllog (or a log file's name in <data>/logs)") String part;
        @Option(names = {"-n", "--lines"}, defaultValue = "50") int lines;
        @Option(names = {"-f", "--follow"}) boolean follow;

        @Override
        public Integer call() throws Exception {
            Path dir = data().resolve("logs");
            Path log = List.of(part + ".log", part + "-service.log").stream().map(dir::resolve).filter(Files::exists)
                    .findFirst().orElseThrow(() -> new IOException("no log of " + part + " in " + dir));
            List<String> all = Files.readAllLines(log);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
            if (follow) {
                follow(log, Files.size(log));
            }
            return 0;
        }

        private static void follow(Path log, long from) throws IOException, InterruptedException {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long position = from;
                while (true) {
                    if (file.length() < position) {
                        position = 0; // a new log: the service started again
                    }
                    file.seek(position);
                    byte[] grown = new byte[(int) Math.min(file.length() - position, 1 << 20)];
                    file.readFully(grown);
                    position += grown.length;
                    System.out.print(new String(grown, StandardCharsets.UTF_8));
                    System.out.flush();
                    Thread.sleep(250); // a terminal's tail -f: nobody waits on this
                }
            }
        }
    }
}
