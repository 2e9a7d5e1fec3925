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

    public static String maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.invalidField(field, "is longer than " + max + " characters");
        }
        return value;
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
