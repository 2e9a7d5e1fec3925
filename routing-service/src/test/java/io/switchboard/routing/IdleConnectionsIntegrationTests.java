package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A connection that sends nothing is closed after {@code switchboard.web.idle-timeout} (1 s here), whether it
 * never sent a request or went quiet after its request was answered.
 */
@RoutingServiceTest
@TestPropertySource(properties = "switchboard.web.idle-timeout=1s")
class IdleConnectionsIntegrationTests {
    @LocalServerPort
    int port;

    @Test
    void aConnectionThatNeverSendsIsClosed() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    @Test
    void aKeptAliveConnectionIsAnsweredThenClosedOnceIdle() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("GET /actuator/health/liveness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // the answer, then the end of the stream once the server closes the idle connection (a server that kept
            // it open would leave this read waiting until the socket's 15 s timeout fails the test)
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
        }
    }
}
