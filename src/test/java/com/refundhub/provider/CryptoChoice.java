package com.refundhub.provider;

import java.security.Signature;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The two providers the hub signs with ({@link NativeCrypto}), for tests that must pass with each: the native one
 * (Amazon Corretto Crypto Provider, on Linux x86-64) and the JDK's own (everywhere else, or
 * {@code refundhub.crypto.native=false}).
 */
public enum CryptoChoice {
    NATIVE(true, NativeCrypto.ACCP),
    JDK(false, "SunRsaSign");

    private final boolean nativeProvider;
    private final String rsaProvider;

    CryptoChoice(boolean nativeProvider, String rsaProvider) {
        this.nativeProvider = nativeProvider;
        this.rsaProvider = rsaProvider;
    }

    /** Whether the native provider's library is built for this machine (the project's machines are). */
    public static boolean nativeBuiltForThisMachine() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** After a class that selected providers: the native one installed again, as a hub's start leaves it. */
    public static void nativeAgain() throws Exception {
        if (nativeBuiltForThisMachine()) {
            NATIVE.select();
        }
    }

    /** Makes this provider the one that signs (as the hub's start would), checks that it really does, runs {@code check}. */
    public void run(Executable check) throws Throwable {
        select();
        check.execute();
    }

    /** Selects this provider and checks that an RSA signature now comes from it. */
    public void select() throws Exception {
        if (nativeProvider) {
            assumeTrue(nativeBuiltForThisMachine(), "Amazon Corretto Crypto Provider is built for Linux x86-64 only");
        }
        if (NativeCrypto.isNative() != nativeProvider) {
            NativeCrypto.select(nativeProvider);
        }
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).as("RSA signatures by").isEqualTo(rsaProvider);
    }
}
