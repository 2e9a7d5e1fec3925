package io.switchboard.stack.livekit;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * A stand-in for LiveKit's server API, for tests and benchmarks on machines where no LiveKit can run: its Twirp
 * endpoints ({@code POST /twirp/livekit.<Service>/<Method>}, protobuf or JSON bodies, Twirp's JSON errors) for SIP
 * trunks and dispatch rules and for agent dispatch, with LiveKit's token and grant checks and its conflict checks,
 * state in memory, and failures on demand. {@link #inboundCall} plays LiveKit's part when a SIP INVITE arrives: the
 * trunk, the rule, the room and the agents the rule dispatches.
 */
public final class FakeLivekit implements AutoCloseable {
    final SipStore sip = new SipStore();
    final Rooms rooms = new Rooms();
    final Dialing dialing = new Dialing();
    private final Grants grants;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<Integer> failing = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final int port;
    private HttpServer server;
    private boolean listening;

    private FakeLivekit(int port, Map<String, String> keys) throws IOException {
        this.port = port;
        this.grants = new Grants(Map.copyOf(keys));
        listen();
    }

    /** Listens on a free port of 127.0.0.1, accepting requests signed with any of {@code keys} (API key → secret). */
    public static FakeLivekit start(Map<String, String> keys) throws IOException {
        return new FakeLivekit(0, keys);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- failures on demand ---

    /** The next {@code n} requests are answered {@code status} (503, 500, 429…) with a Twirp error. */
    public void failNext(int n, int status) {
        failing.set(status);
        failuresLeft.set(n);
    }

    /** Every request waits this long before it is handled. */
    public void slowDown(Duration wait) {
        delay.set(wait);
    }

    /** Stops listening: connections are refused until {@link #comeBack()}. State is kept. */
    public synchronized void goAway() {
        if (listening) {
            server.stop(0);
            listening = false;
        }
    }

    /** Listens again, on the same port; nothing happens if it is listening. */
    public synchronized void comeBack() {
        if (!listening) {
            try {
                listen();
            } catch (IOException e) {
                throw new UncheckedIOException("the fake LiveKit could not listen again on its port", e);
            }
        }
    }

    /** As if LiveKit's Redis were emptied: every trunk, rule and dispatch is gone. */
    public void wipe() {
        sip.wipe();
        rooms.wipe();
        dialing.wipe();
    }

    // --- what LiveKit holds, for assertions ---

    public List<SIPDispatchRuleInfo> rules() {
        return sip.allRules();
    }

    public List<SIPInboundTrunkInfo> trunks() {
        return sip.allTrunks();
    }

    public List<AgentDispatch> dispatches(String room) {
        return rooms.list(room);
    }

    /** Rooms made through RoomService's CreateRoom and not deleted, oldest first. */
    public List<String> rooms() {
        return rooms.roomNames();
    }

    /** Requests per method ({@code "SIP/CreateSIPDispatchRule"}), authorised or not. */
    public long calls(String method) {
        return calls.getOrDefault(method, new AtomicLong()).get();
    }

    public long calls() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** An outbound trunk LiveKit has (made by hand: Switchboard only names it), which CreateSIPParticipant may use. */
    public void outboundTrunk(String trunkId) {
        dialing.trunk(trunkId);
    }

    /** How {@code number} answers calls out from now on: a SIP status (486 busy, 480 no answer…); 200 answers. */
    public void calleeAnswers(String number, int sipStatus) {
        dialing.answer(number, sipStatus);
    }

    /** Every CreateSIPParticipant that reached a trunk, oldest first. */
    public List<livekit.LivekitSip.CreateSIPParticipantRequest> dialled() {
        return dialing.dialled();
    }

    /** Makes a trunk or rule directly, as an operator would by hand (not counted as a call). */
    public SIPInboundTrunkInfo handMadeTrunk(SIPInboundTrunkInfo trunk) {
        return sip.createTrunk(trunk);
    }

    public SIPDispatchRuleInfo handMadeRule(SIPDispatchRuleInfo rule) {
        return sip.createRule(rule);
    }

    /**
     * A SIP INVITE from {@code caller} to {@code called}, as LiveKit handles it: empty when no trunk admits the number or
     * no rule matches (the call is dropped); else the room it made, with the agents its rule dispatched.
     */
    public Optional<InboundCall> inboundCall(String called, String caller) {
        List<SIPInboundTrunkInfo> trunks = sip.allTrunks();
        Optional<SIPInboundTrunkInfo> trunk = RuleMatching.trunk(trunks, called);
        if (trunk.isEmpty() && !trunks.isEmpty()) {
            return Optional.empty();
        }
        String trunkId = trunk.map(SIPInboundTrunkInfo::getSipTrunkId).orElse(null);
        return RuleMatching.rule(sip.allRules(), trunkId, caller, called).map(rule -> {
            String prefix = rule.getRule().getDispatchRuleIndividual().getRoomPrefix();
            String room = prefix + "_" + caller + "_" + UUID.randomUUID().toString().substring(0, 12);
            rooms.create(room, rule.getRoomConfig().getAgentsList());
            String sipCallId = "SCL_" + UUID.randomUUID();
            Map<String, String> attributes = new java.util.LinkedHashMap<>(rule.getAttributesMap());
            attributes.put("sip.callID", sipCallId);
            attributes.put("sip.phoneNumber", caller);
            attributes.put("sip.trunkPhoneNumber", called);
            if (trunkId != null) {
                attributes.put("sip.trunkID", trunkId);
            }
            String identity = "sip_" + caller;
            rooms.join(room, ParticipantInfo.newBuilder().setIdentity(identity).setSid("PA_" + UUID.randomUUID())
                    .setKind(ParticipantInfo.Kind.SIP).putAllAttributes(attributes).build());
            return new InboundCall(room, trunkId, rule.getSipDispatchRuleId(), sipCallId, rule.getAttributesMap(),
                    rooms.list(room), identity);
        });
    }

    /**
     * What LiveKit made of an inbound call; {@code attributes} are the rule's, to which LiveKit adds its {@code sip.*};
     * the caller joined the room as the SIP participant {@code callerIdentity}.
     */
    public record InboundCall(String room, String trunkId, String ruleId, String sipCallId, Map<String, String> attributes,
                              List<AgentDispatch> dispatches, String callerIdentity) {
    }

    /** A participant in {@code room} as LiveKit holds it now (its attributes updated through RoomService). */
    public Optional<ParticipantInfo> participant(String room, String identity) {
        return rooms.participant(room, identity);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void listen() throws IOException {
        int bindPort = server == null ? port : server.getAddress().getPort();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", bindPort), 512);
        server.setExecutor(workers);
        server.createContext("/twirp/", this::handle);
        server.start();
        listening = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = path.substring("/twirp/livekit.".length());
            calls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json");
            try {
                pause();
                injectedFailure();
                DecodedJWT jwt = grants.verify(exchange.getRequestHeaders().getFirst("Authorization"));
                Message answer = TwirpMethods.call(this, method, jwt, body, json);
                byte[] out = json ? JsonFormat.printer().print(answer).getBytes(StandardCharsets.UTF_8) : answer.toByteArray();
                exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "application/protobuf");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
            } catch (TwirpError e) {
                byte[] out = e.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(e.status, out.length);
                exchange.getResponseBody().write(out);
            }
        }
    }

    private void pause() {
        Duration wait = delay.get();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void injectedFailure() {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            int status = failing.get();
            throw new TwirpError(status, status == 429 ? "resource_exhausted" : "unavailable", "failure on demand");
        }
    }
}
