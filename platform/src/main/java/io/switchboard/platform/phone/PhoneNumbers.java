package io.switchboard.platform.phone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalises phone numbers as telephony edges send them ({@code +1 (858) 879-6658}, {@code 8588796658},
 * {@code tel:+18588796658}, {@code sip:+18588796658@host}) to E.164, with libphonenumber. A national
 * number is read in the configured default region. A number is accepted when its length is possible
 * for its country: validity tables lag real allocations (and test ranges such as 555 are "invalid").
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    /**
     * Parsing is the costliest step of a webhook, and called numbers recur. Upkeep runs on the calling thread:
     * Caffeine's default hands it to the common pool, a thread woken for every few misses.
     */
    private final Cache<String, Optional<String>> parsed = Caffeine.newBuilder().maximumSize(100_000)
            .executor(Runnable::run).build();

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** For numbers that recur (called numbers, trunks): parsed once, then remembered. */
    public Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return parsed.get(raw, this::parse);
    }

    /**
     * For numbers that seldom recur (callers): parsed every time. Remembering each new caller would only evict
     * called numbers and keep a dead entry alive on the heap until the cache turns over.
     */
    public Optional<String> toE164Uncached(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return parse(raw);
    }

    private Optional<String> parse(String raw) {
        String digits = stripUri(raw.trim());
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(digits, defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** {@code tel:}/{@code sip:}/{@code sips:} URIs: the user part, without host or parameters. */
    private static String stripUri(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String rest = value;
        for (String scheme : new String[] {"tel:", "sips:", "sip:"}) {
            if (lower.startsWith(scheme)) {
                rest = value.substring(scheme.length());
                break;
            }
        }
        int cut = indexOfAny(rest, '@', ';', '?');
        return cut < 0 ? rest : rest.substring(0, cut);
    }

    private static int indexOfAny(String s, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
