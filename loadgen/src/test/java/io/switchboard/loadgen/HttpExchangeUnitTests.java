package io.switchboard.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpExchangeUnitTests {
    static final String FIXED = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 17\r\n\r\n"
            + "{\"agent_name\":\"a\"";
    static final String CHUNKED = "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\nb;ext=1\r\n, the world\r\n0\r\n\r\n";
    static final String CHUNKED_WITH_TRAILER = "HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\n0\r\nX-Checksum: 1\r\n\r\n";
    static final String EMPTY = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

    /** Every prefix of an answer is incomplete; the whole answer gives its status, whatever its framing. */
    @ParameterizedTest
    @ValueSource(strings = {FIXED, CHUNKED, CHUNKED_WITH_TRAILER, EMPTY})
    void anAnswerIsCompleteOnlyWithItsLastByte(String answer) {
        byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
        int expected = Integer.parseInt(answer.substring(9, 12));

        assertThat(IntStream.range(0, bytes.length).map(n -> HttpExchange.status(bytes, n))).containsOnly(-1);
        assertThat(HttpExchange.status(bytes, bytes.length)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {FIXED, CHUNKED})
    void bytesBeyondTheGivenLengthAreNotRead(String answer) {
        byte[] padded = (answer + "HTTP/1.1 500 x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(HttpExchange.status(padded, answer.length())).isEqualTo(Integer.parseInt(answer.substring(9, 12)));
        assertThat(HttpExchange.status(padded, answer.length() - 1)).isEqualTo(-1);
    }
}
