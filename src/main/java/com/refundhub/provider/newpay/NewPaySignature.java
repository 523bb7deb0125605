package com.refundhub.provider.newpay;

import com.refundhub.provider.Digests;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * NewPay's signing rule (SPEC §6): all fields but {@code sign} whose value is not null (empty strings kept),
 * sorted by key, {@code k=v} joined by {@code &}; SHA256withRSA, base64.
 */
public final class NewPaySignature {
    private NewPaySignature() {
    }

    public static String stringToSign(Map<String, ?> fields) {
        return Digests.sortedPairs(fields, "sign", false);
    }

    public static String sign(Map<String, ?> fields, PrivateKey key) {
        try {
            Signature s = rsa();
            s.initSign(key);
            s.update(stringToSign(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the NewPay key", e);
        }
    }

    /** A SHA256withRSA signature from the provider that signs now ({@link com.refundhub.provider.NativeCrypto}). */
    static Signature rsa() throws GeneralSecurityException {
        return Signature.getInstance("SHA256withRSA");
    }

    public static boolean verify(Map<String, ?> fields, PublicKey key) {
        if (!(fields.get("sign") instanceof String given) || given.isEmpty()) {
            return false;
        }
        try {
            Signature s = rsa();
            s.initVerify(key);
            s.update(stringToSign(fields).getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(given));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
