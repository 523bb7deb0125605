package com.refundhub.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digests and MACs as hex, and a comparison of signatures that does not leak where they differ through timing. */
public final class Digests {
    private Digests() {
    }

    public static String md5Hex(String text) {
        return hex("MD5", text);
    }

    public static String sha256Hex(String text) {
        return hex("SHA-256", text);
    }

    public static String hmacSha256Hex(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha1Hex(String text) {
        return hex("SHA-1", text);
    }

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two signatures without leaking where they differ through timing. */
    public static boolean sameSignature(String expected, String actual, boolean ignoreCase) {
        if (expected == null || actual == null) {
            return false;
        }
        String a = ignoreCase ? expected.toUpperCase() : expected;
        String b = ignoreCase ? actual.toUpperCase() : actual;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
