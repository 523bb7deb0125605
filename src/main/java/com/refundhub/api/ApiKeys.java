package com.refundhub.api;

import com.refundhub.core.Digests;
import java.util.Collection;
import java.util.HexFormat;

/**
 * API keys as configured: in clear, or as {@code sha256:HEX} of the key. The hub keeps and compares only SHA-256
 * digests of keys, in constant time ({@link ApiClients}).
 */
public final class ApiKeys {
    public static final String SANDBOX_KEY = "sandbox-key";
    private static final String HASHED = "sha256:";

    private ApiKeys() {
    }

    /** The digest a configured key stands for. */
    public static byte[] digest(String configured) {
        String key = configured.trim();
        return key.startsWith(HASHED) ? HexFormat.of().parseHex(key.substring(HASHED.length()).toLowerCase())
                : sha256(key);
    }

    /** The digest of a key as a caller presents it. */
    public static byte[] sha256(String presented) {
        return HexFormat.of().parseHex(Digests.sha256Hex(presented));
    }

    /** Whether the sandbox demo key is among the configured keys (clear or hashed). */
    public static boolean includesSandboxKey(Collection<String> configured) {
        byte[] sandbox = sha256(SANDBOX_KEY);
        return configured.stream().anyMatch(k -> java.security.MessageDigest.isEqual(digest(k), sandbox));
    }

    /** For operators: the {@code sha256:...} form of a key, to put in configuration instead of the key. */
    public static void main(String[] args) {
        for (String a : args) {
            System.out.println(HASHED + Digests.sha256Hex(a));
        }
    }
}
