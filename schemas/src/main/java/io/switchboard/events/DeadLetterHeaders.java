package io.switchboard.events;

/**
 * The headers of a dead letter ({@link Topics#CALLLOG_DEAD_LETTERS}): why the record was set aside and where it came
 * from, written by the consumer that gave up on it and read by the re-drive. Values are UTF-8 text.
 */
public final class DeadLetterHeaders {
    /** Why the record could not be processed. */
    public static final String REASON = "dlt-reason";
    /** The topic, partition and offset the record was read from. */
    public static final String ORIGINAL_TOPIC = "dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "dlt-original-offset";
    /** {@value #AS_READ}: the value is the bytes as read; {@value #RE_ENCODED}: it was decoded, and is encoded again. */
    public static final String VALUE_FORMAT = "dlt-value-format";
    public static final String AS_READ = "as-read";
    public static final String RE_ENCODED = "re-encoded";
    /** On a record copied back from the dead letters: the letter's topic/partition@offset. */
    public static final String REDRIVEN_FROM = "redriven-from";

    private DeadLetterHeaders() {
    }
}
