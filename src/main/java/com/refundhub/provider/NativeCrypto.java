package com.refundhub.provider;

import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider the hub's signatures, digests and MACs come from (its signers and verifiers, and the sandbox's
 * simulators, which run the same code). Amazon Corretto Crypto Provider (native AWS-LC) makes an RSA-2048 signature
 * ~3.7 times faster than the JDK's SunRsaSign (bench/SignatureCost.java): an RSA request signature was the largest
 * single cost of a refund. It is installed first in the JVM's provider list when wanted, when its native library
 * loads (Linux x86-64 only) and when its self-test passes; anywhere else the JDK's providers stay, and the hub
 * starts all the same. Both give identical results (RSA PKCS#1 v1.5, MD5, SHA-256, HMAC are deterministic).
 */
public final class NativeCrypto {
    public static final String ACCP = "AmazonCorrettoCryptoProvider";
    private static final Logger LOG = LoggerFactory.getLogger(NativeCrypto.class);

    private NativeCrypto() {
    }

    /**
     * Installs Amazon Corretto Crypto Provider when {@code wanted} and it is healthy here, or takes it out of the
     * provider list otherwise, and logs which provider signs. Returns that provider's description.
     */
    public static String select(boolean wanted) {
        return select(wanted, NativeCrypto::installCorretto);
    }

    /** As {@link #select(boolean)}, installing the native provider with {@code install} (which may fail, as elsewhere). */
    static synchronized String select(boolean wanted, Runnable install) {
        String why;
        if (!wanted) {
            why = "refundhub.crypto.native=false";
        } else {
            try {
                install.run();
                String inUse = inUse();
                LOG.info("crypto: signatures, digests and MACs by {} (native)", inUse);
                return inUse;
            } catch (RuntimeException | LinkageError e) {   // no native library for this platform, or it failed its self-test
                why = "Amazon Corretto Crypto Provider not available here: " + e;
            }
        }
        Security.removeProvider(ACCP);
        String inUse = inUse();
        LOG.info("crypto: signatures, digests and MACs by the JDK's providers ({} for RSA; {})", inUse, why);
        return inUse;
    }

    /** Whether the native provider is installed. */
    public static boolean isNative() {
        return Security.getProvider(ACCP) != null;
    }

    /** The provider an RSA signature comes from now, with its version, e.g. {@code SunRsaSign 17}. */
    public static String inUse() {
        try {
            Provider p = Signature.getInstance("SHA256withRSA").getProvider();
            return p.getName() + " " + p.getVersionStr();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no provider signs SHA256withRSA", e);
        }
    }

    /**
     * Loads Amazon Corretto Crypto Provider (its native library), puts it first in the provider list (nothing when it
     * is there already) and checks its self-test; throws when it cannot load or is not healthy.
     */
    private static void installCorretto() {
        com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.install();
        com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
    }
}
