package io.switchboard.platform.access;

import io.switchboard.events.ApiKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API keys every service accepts, held in memory from the compacted {@code access.api-keys} topic. A key
 * reads {@code sbk_<32 hex: id>_<43 base64url: secret>}; only the SHA-256 of the secret is ever stored or
 * published, and it is compared in constant time. The secret is 256 random bits, so a fast hash suffices.
 */
public final class ApiKeys {
    public static final String PREFIX = "sbk_";
    private static final Pattern FORMAT = Pattern.compile("sbk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A newly made key: the token is shown once, to the caller who asked for it. */
    public record Issued(UUID id, String token, byte[] secretSha256) {
    }

    private final ConcurrentHashMap<String, ApiKey> keys = new ConcurrentHashMap<>();

    public static Issued issue() {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(id, PREFIX + id.toString().replace("-", "") + "_" + encoded, sha256(encoded));
    }

    /** The credential a presented token stands for, if it is a known, unrevoked key with the right secret. */
    public Optional<Credential> authenticate(String token) {
        var match = FORMAT.matcher(token);
        if (!match.matches()) {
            return Optional.empty();
        }
        String id = idOf(match.group(1));
        ApiKey key = keys.get(id);
        if (key == null || !MessageDigest.isEqual(bytes(key.getSecretSha256()), sha256(match.group(2)))) {
            return Optional.empty();
        }
        return Optional.of(new Credential(id, key.getTenantId(),
                Credential.Role.valueOf(key.getRole().toUpperCase(Locale.ROOT))));
    }

    /** The id (as published, a dashed UUID) of a token in the key format; empty for anything else. */
    public static Optional<String> keyId(String token) {
        var match = FORMAT.matcher(token);
        return match.matches() ? Optional.of(idOf(match.group(1))) : Optional.empty();
    }

    private static String idOf(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** Applies a record of the topic: a key, or a tombstone (null) that revokes it. */
    public void apply(String keyId, Object value) {
        if (value == null) {
            keys.remove(keyId);
        } else if (value instanceof ApiKey key && isRole(key.getRole())) {
            keys.put(keyId, key);
        }
    }

    public int size() {
        return keys.size();
    }

    static boolean isRole(String role) {
        return "read".equals(role) || "admin".equals(role);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
