package com.refundhub.provider.fourth;

import com.refundhub.provider.Digests;

/**
 * Fourth's signature: {@code {"msg":MSG,"signature":HEX}} where HEX is HMAC-SHA256 keyed with the channel's key over
 * the exact text of MSG, lower-case hex.
 */
final class FourthMac {
    private FourthMac() {
    }

    static String sign(String text, String key) {
        return Digests.hmacSha256Hex(key, text);
    }

    static boolean verify(String text, String given, String key) {
        return given != null && Digests.sameSignature(sign(text, key), given, false);
    }

    /** The body that carries {@code text} and its signature. */
    static String wrap(String text, String key) {
        return "{\"msg\":" + text + ",\"signature\":\"" + sign(text, key) + "\"}";
    }
}
