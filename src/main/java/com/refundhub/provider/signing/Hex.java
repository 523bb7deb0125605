package com.refundhub.provider.signing;

import com.refundhub.core.Digests;

/** The digests a recipe names, by their normalised names, as lower-case hex. */
final class Hex {
    private Hex() {
    }

    /** MD5, SHA1, SHA256 of {@code text}; HMACSHA256 keyed with {@code key}. */
    static String digest(String algorithm, String text, String key) {
        return switch (algorithm) {
            case "MD5" -> Digests.md5Hex(text);
            case "SHA1" -> Digests.sha1Hex(text);
            case "SHA256" -> Digests.sha256Hex(text);
            case "HMACSHA256" -> {
                if (key == null) {
                    throw new IllegalStateException("HMAC-SHA256 without a key");
                }
                yield Digests.hmacSha256Hex(key, text);
            }
            default -> throw new IllegalArgumentException("no digest " + algorithm);
        };
    }

    /** Same hex, whatever the case of either; constant time. */
    static boolean same(String expected, String given) {
        return Digests.sameSignature(expected, given, true);
    }
}
