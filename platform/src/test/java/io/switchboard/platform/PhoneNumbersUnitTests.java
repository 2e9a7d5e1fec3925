package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.phone.PhoneNumbers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersUnitTests {
    private final PhoneNumbers numbers = new PhoneNumbers("US");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+1 (858) 879-6658          | +18588796658",
            "8588796658                 | +18588796658",
            "(858) 879-6658             | +18588796658",
            "tel:+18588796658           | +18588796658",
            "sip:+18588796658@sip.example.com | +18588796658",
            "sips:+18588796658@host;transport=tls | +18588796658",
            "+15551234567               | +15551234567",
            "+44 20 7946 0958           | +442079460958",
            "+91 98765 43210            | +919876543210"})
    void normalisesEveryCommonFormToE164(String raw, String e164) {
        assertThat(numbers.toE164(raw)).contains(e164);
        assertThat(numbers.toE164Uncached(raw)).as("uncached").contains(e164);
        assertThat(numbers.toE164(raw)).as("a second time, from the cache").contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "12", "+1 858", "sip:alice@example.com", "+999 123 456 789 012 345"})
    void refusesWhatIsNotAPhoneNumber(String raw) {
        assertThat(numbers.toE164(raw)).isEmpty();
        assertThat(numbers.toE164Uncached(raw)).as("uncached").isEmpty();
    }
}
