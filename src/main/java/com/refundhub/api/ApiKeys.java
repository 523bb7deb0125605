package com.refundhub.api;

import com.refundhub.provider.Digests;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Route step guarding {@code /refunds}: {@code Authorization: Bearer KEY} with a key of
 * {@code refundhub.http.api-keys}. Keys may be configured in clear or as {@code sha256:HEX} of the key.
 * Every configured key is compared, in constant time, whatever matches first.
 */
public class ApiKeys implements Processor {
    public static final String SANDBOX_KEY = "sandbox-key";

    private final List<byte[]> keyHashes = new ArrayList<>();

    public ApiKeys(String configured) {
        if (configured != null) {
            for (String k : configured.split(",")) {
                String key = k.trim();
                if (key.isEmpty()) {
                    continue;
                }
                keyHashes.add(key.startsWith("sha256:") ? HexFormat.of().parseHex(key.substring(7).toLowerCase())
                        : sha256(key));
            }
        }
    }

    /** Whether the sandbox demo key is among the configured keys (clear or hashed). */
    public boolean includesSandboxKey() {
        return matches(SANDBOX_KEY);
    }

    public boolean isEmpty() {
        return keyHashes.isEmpty();
    }

    @Override
    public void process(Exchange exchange) {
        String auth = exchange.getMessage().getHeader("Authorization", String.class);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || !matches(auth.substring(7).trim())) {
            throw new ApiProblem(401, "UNAUTHORIZED", "a valid API key is required: Authorization: Bearer KEY", null);
        }
    }

    boolean matches(String presented) {
        byte[] h = sha256(presented);
        boolean found = false;
        for (byte[] k : keyHashes) {
            found |= MessageDigest.isEqual(k, h);
        }
        return found;
    }

    static byte[] sha256(String s) {
        return HexFormat.of().parseHex(Digests.sha256Hex(s));
    }

    /** For operators: the {@code sha256:...} form of a key, to put in configuration instead of the key. */
    public static void main(String[] args) {
        for (String a : args) {
            System.out.println("sha256:" + Digests.sha256Hex(a));
        }
    }

}
