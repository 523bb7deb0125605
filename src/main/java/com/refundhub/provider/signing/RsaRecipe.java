package com.refundhub.provider.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * {@code rsa}: SHA256withRSA (or SHA1withRSA) over the sorted fields or over the exact
 * text of a part (an answer member as received), base64. Signed with the private key, checked with the
 * public one, by the JCA provider the hub selected ({@link com.refundhub.provider.NativeCrypto}).
 */
final class RsaRecipe implements SigningRecipe {
    @Override
    public String name() {
        return "rsa";
    }

    @Override
    public List<String> algorithms() {
        return List.of("SHA256WITHRSA", "SHA1WITHRSA");
    }

    @Override
    public String defaultAlgorithm() {
        return "SHA256WITHRSA";
    }

    @Override
    public Input input() {
        return Input.EITHER;
    }

    @Override
    public String sign(String stringToSign, Keys keys) {
        if (keys.privateKey() == null) {
            throw new IllegalStateException("rsa signing without a private key");
        }
        try {
            Signature s = Signature.getInstance(jca(keys.algorithm()));
            s.initSign(keys.privateKey());
            s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the configured private key", e);
        }
    }

    @Override
    public boolean verify(String stringToSign, String signature, Keys keys) {
        if (signature == null || signature.isEmpty() || keys.publicKey() == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(jca(keys.algorithm()));
            s.initVerify(keys.publicKey());
            s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String jca(String algorithm) {
        return algorithm.equals("SHA1WITHRSA") ? "SHA1withRSA" : "SHA256withRSA";
    }
}
