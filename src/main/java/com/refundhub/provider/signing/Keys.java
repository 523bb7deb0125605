package com.refundhub.provider.signing;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * What one signature is made or checked with: the algorithm (normalised), the HMAC key, whether hex is upper case,
 * and the RSA keys; each recipe uses what it needs.
 */
public record Keys(String algorithm, String hmacKey, boolean upperCase, PrivateKey privateKey, PublicKey publicKey) {
}
