package io.switchboard.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.mock.env.MockEnvironment;

/** A line about a call names it in the structured log: call_id and room are fields of the JSON, in every format. */
class CallLogsUnitTests {

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash", "gelf"})
    void aLineAboutACallCarriesItsIdAndRoomAsJsonFields(String format) {
        Logger logger = (Logger) LoggerFactory.getLogger("call-logs-test-" + format);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);

        CallLogs.about(logger.atWarn(), "SCL_abc", "call-room-1").log("call {} not bridged", "SCL_abc");
        CallLogs.about(logger.atWarn(), null, "call-room-2").log("room only");

        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat(format);
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.getContext().putObject(org.springframework.core.env.Environment.class.getName(),
                new MockEnvironment().withProperty("spring.application.name", "test"));
        encoder.start();
        String first = new String(encoder.encode(lines.list.get(0)), StandardCharsets.UTF_8);
        String second = new String(encoder.encode(lines.list.get(1)), StandardCharsets.UTF_8);

        String field = format.equals("gelf") ? "\"_" : "\""; // GELF's additional fields start with '_'
        assertThat(first).contains(field + "call_id\":\"SCL_abc\"").contains(field + "room\":\"call-room-1\"");
        assertThat(second).contains(field + "room\":\"call-room-2\"").doesNotContain("call_id");
    }
}
