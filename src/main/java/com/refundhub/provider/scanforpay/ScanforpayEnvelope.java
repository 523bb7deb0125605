package com.refundhub.provider.scanforpay;

import com.refundhub.provider.Digests;
import com.refundhub.provider.JsonText;
import java.io.IOException;

/**
 * scanforpay's envelope (SPEC §6): {@code {"request":REQUEST,"signature":HEX}} where HEX is
 * {@code sha256Hex(REQUEST_JSON + key)} in lower case over the exact text of REQUEST as sent; answers the
 * same with {@code response}.
 */
public final class ScanforpayEnvelope {
    private ScanforpayEnvelope() {
    }

    public static String signature(String text, String key) {
        return Digests.sha256Hex(text + key);
    }

    /** The body to send: the request text exactly as signed, and its signature. */
    public static String wrap(String member, String text, String key) {
        return "{\"" + member + "\":" + text + ",\"signature\":\"" + signature(text, key) + "\"}";
    }

    /** The exact text of {@code member} in a received body. */
    public static String memberText(String body, String member) throws IOException {
        return JsonText.objectText(body, member);
    }

    public static boolean verify(String text, String givenSignature, String key) {
        return givenSignature != null && Digests.sameSignature(signature(text, key), givenSignature, false);
    }
}
