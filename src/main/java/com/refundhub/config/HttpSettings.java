package com.refundhub.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code refundhub.http.*}: the HTTP API. {@code tls} is null for plain HTTP (the default, on loopback), else the
 * server's key store: the API, the console and {@code /metrics} are then served over HTTPS only.
 */
public record HttpSettings(String host, int port, List<String> apiKeys, int maxBodySize, int workers, ServerTls tls) {
    private static final String HEX64 = "[0-9a-fA-F]{64}";

    public static final Setting<String> HOST = Setting.of("refundhub.http.host", Types.TEXT, "127.0.0.1",
            "address the HTTP API listens on (0.0.0.0: every interface)");
    public static final Setting<Integer> PORT = Setting.of("refundhub.http.port", Types.PORT, "8080",
            "port of the HTTP API");
    /** One API key: in clear, or {@code sha256:} and the 64 hex digits of its SHA-256. */
    static final ValueType<String> KEY_TEXT = Types.TEXT.checked("a key in clear, or sha256:HEX (64 hex digits)",
            HttpSettings::checkKey);

    public static final Setting<List<String>> API_KEYS = Setting.of("refundhub.http.api-keys",
            Types.LIST.checked("comma-separated keys, each in clear or as sha256:HEX (64 hex digits)",
                    keys -> keys.forEach(HttpSettings::checkKey)), null,
            "Bearer keys holding every role (clients api-key-1, api-key-2, ... in this order); a key may be written "
                    + "sha256:HEX (print it with java -cp refundhub.jar com.refundhub.api.ApiKeys KEY). Required "
                    + "unless clients are named (refundhub.http.clients.NAME.*). The sandbox demo key is refused while "
                    + "the sandbox is off").secret();
    public static final Setting<Integer> MAX_BODY_SIZE = Setting.of("refundhub.http.max-body-size",
            Types.integer(1, Integer.MAX_VALUE), "1048576", "largest request body, bytes");
    public static final Setting<Integer> WORKERS = Setting.of("refundhub.http.workers", Types.integer(1, 10_000), "64",
            "threads serving HTTP requests; POST /refunds holds one until the provider's first answer, so keep it "
                    + "above the sum of the channels' max-concurrency");

    public static final Setting<Path> TLS_KEY_STORE = Setting.of("refundhub.http.tls.key-store", Types.PATH, null,
            "PKCS#12 key store holding the API's certificate and its key; when set, the API, the console and /metrics "
                    + "are served over HTTPS only (TLS 1.2 and 1.3). Not set: plain HTTP (keep it on loopback, or put "
                    + "a TLS-terminating proxy in front)");
    public static final Setting<String> TLS_KEY_STORE_PASSWORD = Setting.of("refundhub.http.tls.key-store-password",
            Types.TEXT, null, "password of refundhub.http.tls.key-store (and of its key)").secret();

    public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, API_KEYS, MAX_BODY_SIZE, WORKERS,
            TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD);

    /** The API's TLS: a PKCS#12 key store, checked at start (it opens with the password and holds a key). */
    public record ServerTls(Path keyStore, String password) {
        @Override
        public String toString() {   // never the password
            return "ServerTls[" + keyStore + "]";
        }
    }

    private static void checkKey(String key) {
        if (key.startsWith("sha256:") && !key.substring(7).matches(HEX64)) {
            throw new IllegalArgumentException("a sha256: key needs 64 hex digits");
        }
    }

    static HttpSettings read(SettingValues v) {
        List<String> keys = v.get(API_KEYS);
        Path keyStore = v.get(TLS_KEY_STORE);
        return new HttpSettings(v.get(HOST), v.get(PORT), keys == null ? List.of() : keys, v.get(MAX_BODY_SIZE),
                v.get(WORKERS), keyStore == null ? null : new ServerTls(keyStore, v.get(TLS_KEY_STORE_PASSWORD)));
    }

    /** A key store that is named must open with its password and hold a key; a password alone is a mistake too. */
    void checkTls(ConfigReader r) {
        String password = r.values().get(TLS_KEY_STORE_PASSWORD);
        if (tls == null) {
            if (password != null) {
                r.problem(TLS_KEY_STORE_PASSWORD.key(), "set, but " + TLS_KEY_STORE.key() + " is not: name the key "
                        + "store too, or remove the password");
            }
            return;
        }
        if (password == null) {
            r.problem(TLS_KEY_STORE_PASSWORD.key(), "required with " + TLS_KEY_STORE.key());
            return;
        }
        try {
            KeyStores.openWithKey(tls.keyStore(), password);
        } catch (IllegalArgumentException e) {
            r.problem(TLS_KEY_STORE.key(), e.getMessage());
        }
    }
}
