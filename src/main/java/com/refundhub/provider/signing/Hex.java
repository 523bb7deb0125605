package com.refundhub.provider.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digests and MACs as hex, and a comparison of signatures that does not leak where they differ through timing. */
final class Hex {
    private Hex() {
    }

    /** MD5, SHA1, SHA256 of {@code text}; HMACSHA256 keyed with {@code key}: lower-case hex. */
    static String digest(String algorithm, String text, String key) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] out = switch (algorithm) {
                case "MD5" -> MessageDigest.getInstance("MD5").digest(data);
                case "SHA1" -> MessageDigest.getInstance("SHA-1").digest(data);
                case "SHA256" -> MessageDigest.getInstance("SHA-256").digest(data);
                case "HMACSHA256" -> {
                    if (key == null) {
                        throw new IllegalStateException("HMAC-SHA256 without a key");
                    }
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    yield mac.doFinal(data);
                }
                default -> throw new IllegalArgumentException("no digest " + algorithm);
            };
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same hex, whatever the case of either; constant time. */
    static boolean same(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.toLowerCase().getBytes(StandardCharsets.UTF_8),
                given.toLowerCase().getBytes(StandardCharsets.UTF_8));
    }
}
