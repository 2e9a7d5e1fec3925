package io.switchboard.platform.logging;

import org.slf4j.spi.LoggingEventBuilder;

/**
 * Puts a call's identity on a log line as key-value pairs ({@code call_id}, {@code room}): Spring Boot's structured
 * formats ({@code logging.structured.format.console=ecs|logstash|gelf}) write them as fields of the line's JSON, so
 * every line about a call can be found by its id whatever the message says. Absent values are left out.
 */
public final class CallLogs {
    public static final String CALL_ID = "call_id";
    public static final String ROOM = "room";

    private CallLogs() {
    }

    public static LoggingEventBuilder about(LoggingEventBuilder line, String callId, String room) {
        LoggingEventBuilder out = line;
        if (callId != null) {
            out = out.addKeyValue(CALL_ID, callId);
        }
        if (room != null) {
            out = out.addKeyValue(ROOM, room);
        }
        return out;
    }
}
