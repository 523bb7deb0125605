package com.refundhub.provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import com.refundhub.config.ValueType;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA keys from PEM files: PKCS#8 private keys and X.509 public keys. A location is a file path, or
 * {@code classpath:...} for a key shipped inside the jar (the sandbox's demo keys). Keys are read once per provider.
 */
public final class PemKeys {
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    /** A PKCS#8 RSA private key's PEM file, read when the configuration is checked. */
    public static final ValueType<String> PRIVATE_KEY_FILE = ValueType.of("PEM file",
            "a readable PEM file of a PKCS#8 RSA private key: a path, or classpath:... inside the jar", location -> {
                privateKey(location);
                return location;
            });

    /** An X.509 RSA public key's PEM file, read when the configuration is checked. */
    public static final ValueType<String> PUBLIC_KEY_FILE = ValueType.of("PEM file",
            "a readable PEM file of an X.509 RSA public key: a path, or classpath:... inside the jar", location -> {
                publicKey(location);
                return location;
            });

    private PemKeys() {
    }

    public static PrivateKey privateKey(String location) {
        KeyFactory factory = rsaKeyFactory();
        return (PrivateKey) CACHE.computeIfAbsent(factory.getProvider().getName() + ":private:" + location, k -> {
            try {
                return factory.generatePrivate(new PKCS8EncodedKeySpec(der(location, "PRIVATE KEY")));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read " + location + " as a PKCS#8 RSA private key ("
                        + e.getClass().getSimpleName() + ")");
            }
        });
    }

    public static PublicKey publicKey(String location) {
        KeyFactory factory = rsaKeyFactory();
        return (PublicKey) CACHE.computeIfAbsent(factory.getProvider().getName() + ":public:" + location, k -> {
            try {
                return factory.generatePublic(new X509EncodedKeySpec(der(location, "PUBLIC KEY")));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read " + location + " as an X.509 RSA public key ("
                        + e.getClass().getSimpleName() + ")");
            }
        });
    }

    /**
     * The key factory of the provider that signs now ({@link NativeCrypto}): a key made by another provider would be
     * translated into the native one's form on every signature (measured: 2 to 3 times the cost of the signature).
     */
    private static KeyFactory rsaKeyFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no provider makes RSA keys", e);
        }
    }

    private static byte[] der(String location, String label) {
        String pem = read(location);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(location + " is not a PEM file with a '" + label + "' block"
                    + (pem.contains("RSA PRIVATE KEY") ? " (PKCS#1: convert with `openssl pkcs8 -topk8 -nocrypt`)" : ""));
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(location + " has a damaged PEM body");
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                try (InputStream in = PemKeys.class.getClassLoader().getResourceAsStream(
                        resource.startsWith("/") ? resource.substring(1) : resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("cannot read " + location + " (not in the jar)");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + location + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
