package io.switchboard.platform.web;

import io.switchboard.platform.phone.PhoneNumbers;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/** Request field checks that name the field they reject. */
public final class Fields {
    private Fields() {
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.missingField(field);
        }
        return value.trim();
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiException.missingField(field);
        }
        return value;
    }

    /** A phone number in any common form, as E.164; a 400 naming the field when it is none. */
    public static String e164(PhoneNumbers numbers, String field, String raw) {
        return numbers.toE164(raw).orElseThrow(() -> invalidNumber(field, raw));
    }

    /** The same for a number that seldom recurs, such as a caller's: not remembered (see {@link PhoneNumbers}). */
    public static String callerE164(PhoneNumbers numbers, String field, String raw) {
        return numbers.toE164Uncached(raw).orElseThrow(() -> invalidNumber(field, raw));
    }

    private static ApiException invalidNumber(String field, String raw) {
        return ApiException.badRequest("invalid_phone_number", "field '" + field + "' is not a phone number: " + raw);
    }

    /** A blank optional text is absent. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A text of at most {@code max} characters, without control characters other than tab and line breaks. */
    public static String maxLength(String field, String value, int max) {
        return withoutControlCharacters(field, notLongerThan(field, value, max), true);
    }

    private static String notLongerThan(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.invalidField(field, "is longer than " + max + " characters");
        }
        return value;
    }

    /** Refuses C0 controls and DEL (tab and line breaks only where {@code textBreaks}), naming the first found. */
    private static String withoutControlCharacters(String field, String value, boolean textBreaks) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean textBreak = textBreaks && (c == '\t' || c == '\n' || c == '\r');
            if ((c < 0x20 && !textBreak) || c == 0x7f) {
                throw ApiException.invalidField(field, "contains a control character (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }

    /** The longest id or name accepted from a caller (call ids, room names, trunk ids, event ids). */
    public static final int MAX_IDENTIFIER = 256;
    private static final java.time.Instant EARLIEST = java.time.Instant.parse("2000-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("2100-01-01T00:00:00Z");

    /**
     * An id or name that is stored and shown again: at most {@link #MAX_IDENTIFIER} characters and no control
     * characters (NUL included, which PostgreSQL cannot store), so that it cannot stall a consumer later.
     */
    public static String identifier(String field, String value) {
        if (value == null) {
            return null;
        }
        return withoutControlCharacters(field, notLongerThan(field, value, MAX_IDENTIFIER), false);
    }

    /** A time that a call can have happened at (2000 to 2100): what lies outside is a mistake or an attack. */
    public static java.time.Instant plausibleTime(String field, java.time.Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw ApiException.invalidField(field, "is not a plausible time (" + time + ")");
        }
        return time;
    }

    /** One of an enum's names, case-insensitively; {@code fallback} when absent. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalidField(field, "is not a UUID");
        }
    }
}
