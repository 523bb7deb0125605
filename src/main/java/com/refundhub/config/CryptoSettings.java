package com.refundhub.config;

import java.util.List;

/** {@code refundhub.crypto.*}: which JCA provider signs, verifies and digests (provider signatures, sandbox alike). */
public record CryptoSettings(boolean nativeProvider) {
    public static final String PREFIX = "refundhub.crypto.";
    public static final Setting<Boolean> NATIVE = Setting.of("refundhub.crypto.native", Types.FLAG, "true",
            "sign and verify with Amazon Corretto Crypto Provider (native AWS-LC: RSA-2048 signatures ~3.7 times "
                    + "faster) when it loads on this machine (Linux x86-64), else with the JDK's providers; false: "
                    + "always the JDK's (also -Drefundhub.crypto.native=false)");

    public static final List<Setting<?>> SETTINGS = List.of(NATIVE);

    static CryptoSettings read(SettingValues v) {
        return new CryptoSettings(v.get(NATIVE));
    }
}
