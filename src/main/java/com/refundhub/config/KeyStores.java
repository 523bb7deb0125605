package com.refundhub.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * Opens the PKCS#12 key stores the configuration names, with messages an operator can act on: the check at start
 * (SPEC §9, §11) reads each one so that a wrong file or password stops the start in one line, not at the first
 * handshake. Never puts the password into a message.
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
}
