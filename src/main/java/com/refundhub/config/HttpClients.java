package com.refundhub.config;

import com.refundhub.api.ApiKeys;
import com.refundhub.api.Role;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP API's callers (SPEC §8.1): named clients {@code refundhub.http.clients.NAME.*}, each with its key and
 * roles, and the keys of {@code refundhub.http.api-keys}, which hold every role as clients {@code api-key-1},
 * {@code api-key-2}, … in their order. A client's name is the {@code actor} of the history entries its calls make.
 */
public final class HttpClients {
    public static final String PREFIX = "refundhub.http.clients.";
    /** Names the hub gives or uses itself: a client cannot take them. */
    private static final String RESERVED = "hub|jms|api-key-\\d+";

    public static final ValueType<Set<Role>> ROLES_TYPE = ValueType.<Set<Role>>of("roles",
            "comma-separated, from " + Role.names(), t -> {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                Types.LIST.parse(t).forEach(name -> roles.add(Role.ofWireName(name)));
                return roles;
            }).withCamelText(roles -> roles.stream().map(Role::wireName).collect(Collectors.joining(",")));

    public static final Setting<String> KEY = Setting.required("key", HttpSettings.KEY_TEXT,
            "the client's Bearer key, in clear or as sha256:HEX").secret();
    public static final Setting<Set<Role>> ROLES = Setting.required("roles", ROLES_TYPE,
            "what the client may do: submit (POST /refunds), read (GET /refunds..., GET /batches...), operate "
                    + "(POST /refunds/{refundId}/inquiry and /resolution, GET /webhooks/deliveries and POST .../retry)");

    /** The keys of every client. */
    public static final List<Setting<?>> SETTINGS = List.of(KEY, ROLES);

    /** One caller: its name, its key as configured (clear or sha256:HEX), and its roles. */
    public record Client(String name, String key, Set<Role> roles) {
    }

    private HttpClients() {
    }

    /** The api-keys' clients, then the named ones by name; a problem for a reserved name or a key two clients share. */
    static List<Client> read(ConfigReader r, List<String> apiKeys) {
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < apiKeys.size(); i++) {
            all.add(new Client("api-key-" + (i + 1), apiKeys.get(i), EnumSet.allOf(Role.class)));
        }
        for (String name : r.memberNames(PREFIX)) {
            String prefix = PREFIX + name + ".";
            r.scopeKeys(prefix, SETTINGS);
            SettingValues v = r.scope(prefix);
            String key = v.get(KEY);
            Set<Role> roles = v.get(ROLES);
            if (name.matches(RESERVED) || !name.matches("[A-Za-z0-9_-]{1,64}")) {
                r.problem(prefix + KEY.key(), "client '" + name + "': a client's name is 1-64 letters, digits, _ or -, "
                        + "and not hub, jms or api-key-N (names the hub uses)");
            } else if (key != null && roles != null) {
                all.add(new Client(name, key, roles));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (MessageDigest.isEqual(ApiKeys.digest(all.get(i).key()), ApiKeys.digest(all.get(j).key()))) {
                    r.problem(keyOf(all.get(i)), "the same key as client " + all.get(j).name()
                            + ": each key names one client");
                }
            }
        }
        return List.copyOf(all);
    }

    /** The configuration key that holds a client's key. */
    static String keyOf(Client c) {
        return c.name().matches("api-key-\\d+") ? HttpSettings.API_KEYS.key() : PREFIX + c.name() + "." + KEY.key();
    }
}
