package io.switchboard.ingress.edge.signalwire;

import io.switchboard.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SignalWire's request signature, HMAC-SHA1 with the project's signing key, in either of its two forms: over the URL
 * followed by the raw body, lower-case hex (SWML and other JSON requests); or over the URL followed by the form
 * parameters sorted by name, each name then its value, base64 (the Twilio-compatible form, also a GET's, whose
 * parameters are in the URL). Compared in constant time; refused with a 401 saying which part is wrong.
 */
final class SignalwireSignatures {
    static final String HEADER = "X-SignalWire-Signature";
    static final String COMPAT_HEADER = "X-Twilio-Signature";

    private final byte[] key;
    private final boolean allowUnsigned;

    SignalwireSignatures(String signingKey, boolean allowUnsigned) {
        this.key = signingKey == null ? new byte[0] : signingKey.getBytes(StandardCharsets.UTF_8);
        this.allowUnsigned = allowUnsigned;
    }

    void verify(String url, byte[] body, Map<String, List<String>> form, String signature) {
        if (signature == null || signature.isBlank()) {
            if (allowUnsigned) {
                return;
            }
            throw ApiException.unauthorized("missing signature: SignalWire sends '" + HEADER + "'");
        }
        if (key.length == 0) {
            throw ApiException.unauthorized("invalid signature: no SIGNALWIRE_SIGNING_KEY to check it with");
        }
        String given = signature.trim();
        boolean json = equal(HexFormat.of().formatHex(hmac(url.getBytes(StandardCharsets.UTF_8), body)), given.toLowerCase());
        if (!json && !equal(Base64.getEncoder().encodeToString(hmac(compat(url, form))), given)) {
            throw ApiException.unauthorized("invalid signature: not signed with the configured SignalWire signing key "
                    + "for this URL and body");
        }
    }

    /** The URL, then each form parameter's name and value, by name (values of one name in order). */
    static byte[] compat(String url, Map<String, List<String>> form) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, values) -> values.stream().sorted().forEach(v -> signed.append(name).append(v)));
        return signed.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] hmac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    private static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
