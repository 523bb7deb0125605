package com.refundhub.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Opens the PKCS#12 key stores and the trust stores (PKCS#12 or a PEM bundle of CA certificates) the configuration
 * names, with messages an operator can act on: the check at start (SPEC §9, §11) reads each one so that a wrong file
 * or password stops the start in one line, not at the first handshake. Never puts a password into a message.
 */
public final class KeyStores {
    private KeyStores() {
    }

    /**
     * The key store at {@code file}, with at least one private key (a server's or a client's certificate).
     *
     * @throws IllegalArgumentException saying what is wrong: no such file, not PKCS#12 or wrong password, no key
     */
    public static KeyStore openWithKey(Path file, String password) {
        KeyStore store = open(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, password.toCharArray());   // a key password other than the store's fails here
                    return store;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("the key in " + file + " does not open with this password");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the key in " + file + ": " + e.getClass().getSimpleName());
        }
        throw new IllegalArgumentException(file + " holds no private key (a key store with the certificate and its "
                + "key is needed, e.g. keytool -genkeypair -storetype PKCS12)");
    }

    static KeyStore open(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            // PKCS12's integrity check fails as an IOException whose cause is UnrecoverableKeyException
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("wrong password for the key store " + file);
            }
            throw new IllegalArgumentException("cannot read " + file + " as a PKCS#12 key store (wrong password or not "
                    + "PKCS#12)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a PKCS#12 key store: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * The CA certificates in {@code file}: a PEM bundle ({@code -----BEGIN CERTIFICATE-----} blocks) or a PKCS#12 store
     * of certificates, opened with {@code password} (keytool encrypts the certificates of a PKCS#12 store with it; null
     * reads a store whose certificates are not encrypted).
     *
     * @throws IllegalArgumentException no such file, neither PEM nor PKCS#12, or no certificate in it
     */
    public static KeyStore trustStore(Path file, String password) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            if (new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.US_ASCII)
                    .contains("-----BEGIN CERTIFICATE-----")) {
                trust.load(null, null);
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new java.io.ByteArrayInputStream(bytes));
                int i = 0;
                for (Certificate c : certs) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
            } else {
                trust.load(new java.io.ByteArrayInputStream(bytes), password == null ? null : password.toCharArray());
            }
            for (String alias : Collections.list(trust.aliases())) {
                if (trust.isCertificateEntry(alias)) {
                    return trust;
                }
            }
            throw new IllegalArgumentException(file + " holds no CA certificate that opens (a PEM bundle of -----BEGIN "
                    + "CERTIFICATE----- blocks, or a PKCS#12 store of trusted certificates with its password)");
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a PEM bundle of certificates or a PKCS#12 "
                    + "trust store (wrong password?)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a trust store: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A TLS context of its own (nothing JVM-wide): the key store's key as the certificate this side presents (none
     * when null), trusting the trust store's CAs (the JVM's default CAs when null); {@code protocol} as
     * {@link SSLContext#getInstance(String)} takes it ("TLS": 1.3 and 1.2; "TLSv1.2": 1.2 only).
     */
    public static SSLContext context(Path keyStore, String password, Path trustStore, String trustPassword,
                                     String protocol) {
        try {
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(openWithKey(keyStore, password), password.toCharArray());
            }
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore(trustStore, trustPassword));
            }
            SSLContext ssl = SSLContext.getInstance(protocol);
            ssl.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a TLS context: " + e.getClass().getSimpleName());
        }
    }
}
