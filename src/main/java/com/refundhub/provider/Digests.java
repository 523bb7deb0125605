package com.refundhub.provider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digest and sign-string helpers the providers' signers share. */
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

    private static String hex(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code k1=v1&k2=v2...} over the fields sorted by key (ASCII), leaving out {@code excluded}, nulls and,
     * when {@code dropEmpty}, empty strings. Values that are not strings are written as their JSON text.
     */
    public static String sortedPairs(Map<String, ?> fields, String excluded, boolean dropEmpty) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> e : new TreeMap<>(fields).entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals(excluded) || v == null || (dropEmpty && "".equals(v))) {
                continue;
            }
            if (v instanceof Map || v instanceof Iterable) {
                continue;   // nested objects are not part of any flat signing rule we know
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(v);
        }
        return sb.toString();
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
