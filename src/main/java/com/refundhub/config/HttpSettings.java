package com.refundhub.config;

import java.util.List;

/** {@code refundhub.http.*}: the HTTP API. */
public record HttpSettings(String host, int port, List<String> apiKeys, int maxBodySize, int workers) {
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

    public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, API_KEYS, MAX_BODY_SIZE, WORKERS);

    private static void checkKey(String key) {
        if (key.startsWith("sha256:") && !key.substring(7).matches(HEX64)) {
            throw new IllegalArgumentException("a sha256: key needs 64 hex digits");
        }
    }

    static HttpSettings read(SettingValues v) {
        List<String> keys = v.get(API_KEYS);
        return new HttpSettings(v.get(HOST), v.get(PORT), keys == null ? List.of() : keys, v.get(MAX_BODY_SIZE),
                v.get(WORKERS));
    }
}
