package com.refundhub.provider.signing;

/** Test helpers computing digests the plain JDK way, to build answers a test then signs. */
public final class KnownAnswers {
    private KnownAnswers() {
    }

    public static String sha256Hex(String text) {
        return Hex.digest("SHA256", text, null);
    }
}
