package io.switchboard.calllog.consumer;

import org.springframework.kafka.support.serializer.FailedDeserializationInfo;

/**
 * What the listener receives in place of a value that could not be decoded. Whose fault it was is decided here,
 * on the live exception: the copy of it that Spring Kafka puts in a record header goes through Java serialization,
 * and a registry client's exception that does not serialize (Apicurio's ProblemDetails, a registry answering 500
 * while its database restarts) arrives as a bare RuntimeException, causes lost, taken for a bad record.
 *
 * @param data the value's bytes as read, for the dead letter
 * @param registryUnreachable the registry could not be asked: retry the batch, the record is fine
 */
record Unreadable(byte[] data, String reason, boolean registryUnreachable) {

    static Unreadable of(FailedDeserializationInfo info) {
        return new Unreadable(info.getData(), describe(info.getException()), Failures.unreachable(info.getException()));
    }

    /** The failure and its causes, one after another: the dead letter's reason. */
    private static String describe(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = failure; t != null && reason.length() < 2_000; t = t.getCause() == t ? null : t.getCause()) {
            reason.append(reason.isEmpty() ? "" : " <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return reason.toString();
    }
}
