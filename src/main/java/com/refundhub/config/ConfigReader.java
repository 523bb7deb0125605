package com.refundhub.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads settings from the sources: resolves placeholders, parses each value with its type, and notes every
 * problem (bad values, missing required keys, unknown keys) instead of stopping at the first. Keeps what was
 * read, with its origin, for {@code --check-config} and for Camel's placeholders.
 */
public final class ConfigReader {
    static final String MASK = "***";

    /** One key as read: its text (after placeholders), origin, definition and value. */
    public record Entry(String key, String text, String origin, Setting<?> setting, Object value) {
        /** The text as it may be printed: masked when secret, passwords taken out of URLs. */
        public String printable() {
            if (text == null) {
                return null;
            }
            return setting.isSecret() ? MASK : setting.type().printable().apply(text);
        }
    }

    private final ConfigSources sources;
    private final Map<String, String> defaults;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Collection<String>> scopes = new LinkedHashMap<>();
    private final List<String> unchecked = new ArrayList<>();

    /** @param defaults the defaults of keys outside groups, by key (placeholders may name them) */
    ConfigReader(ConfigSources sources, Map<String, String> defaults) {
        this.sources = sources;
        this.defaults = defaults;
    }

    public ConfigSources sources() {
        return sources;
    }

    /** Values of keys written in full. */
    public SettingValues values() {
        return this::read;
    }

    /** Values of a group member's keys, written relative to {@code prefix} (e.g. {@code refundhub.channels.x.}). */
    public SettingValues scope(String prefix) {
        return new SettingValues() {
            @Override
            public <T> T get(Setting<T> setting) {
                return read(prefix + setting.key(), setting);
            }
        };
    }

    /** The members of a named group the sources mention: {@code NAME} of every {@code PREFIX.NAME.KEY}, sorted. */
    public Set<String> memberNames(String groupPrefix) {
        Set<String> names = new TreeSet<>();
        for (String key : sources.keys()) {
            int dot = key.indexOf('.', groupPrefix.length());
            if (key.startsWith(groupPrefix) && dot > groupPrefix.length()) {
                names.add(key.substring(groupPrefix.length(), dot));
            }
        }
        return names;
    }

    /** The keys a group member may have: unknown keys under {@code prefix} are compared with these only. */
    public void scopeKeys(String prefix, Collection<Setting<?>> settings) {
        scopes.put(prefix, settings.stream().map(s -> prefix + s.key()).toList());
    }

    /** Keys under {@code prefix} are not checked (their member was refused as a whole already). */
    public void uncheckedUnder(String prefix) {
        unchecked.add(prefix);
    }

    <T> T read(Setting<T> setting) {
        return read(setting.key(), setting);
    }

    @SuppressWarnings("unchecked")
    <T> T read(String key, Setting<T> setting) {
        Entry known = entries.get(key);
        if (known != null) {
            return (T) known.value();
        }
        Optional<ConfigSources.Raw> raw = sources.find(key);
        String text = raw.map(r -> r.text().trim()).filter(t -> !t.isEmpty()).orElse(null);
        String origin = raw.map(ConfigSources.Raw::origin).orElse(null);
        if (text != null && Placeholders.has(text)) {
            try {
                text = Placeholders.resolve(text, this::lookup).trim();
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(key, shown(setting, text), origin, e.getMessage()));
                entries.put(key, new Entry(key, text, origin, setting, setting.defaultValue()));
                return setting.defaultValue();
            }
        }
        if (text == null || text.isEmpty()) {
            if (setting.isRequired()) {
                problems.add(new Problem(key, null, null, "required, not set"
                        + (setting.type() == Types.TEXT ? "" : "; allowed: " + setting.type().allowed())));
            }
            T value = setting.defaultValue();
            entries.put(key, new Entry(key, setting.defaultText(), "default", setting, value));
            return value;
        }
        T value;
        try {
            value = setting.type().parse(text);
        } catch (IllegalArgumentException e) {
            String why = setting.isSecret() && e.getMessage().contains(text) ? "not valid" : e.getMessage();
            problems.add(new Problem(key, shown(setting, text), origin, why + "; allowed: " + setting.type().allowed()));
            value = setting.defaultValue();
        }
        entries.put(key, new Entry(key, text, origin, setting, value));
        return value;
    }

    /**
     * A key left unset whose default is not one value of its definition (a channel type's paths, currencies):
     * records the value it takes, for {@code --check-config} and Camel.
     */
    void defaulted(String key, Object value, String text, String origin) {
        Entry e = entries.get(key);
        if (e != null && e.text() == null && value != null) {
            entries.put(key, new Entry(key, text, origin, e.setting(), value));
        }
    }

    /** A problem of a key read already (a rule across keys): names the key, its value and origin. */
    public void problem(String key, String message) {
        Entry e = entries.get(key);
        problems.add(e == null ? new Problem(key, null, null, message)
                : new Problem(key, shown(e.setting(), e.text()), e.text() == null ? null : e.origin(), message));
    }

    public int problemsUnder(String prefix) {
        return (int) problems.stream().filter(p -> p.key().startsWith(prefix)).count();
    }

    /** Keys the sources name under {@code prefix} that no definition read, and variables no key took. */
    void checkUnknown(String prefix) {
        for (String key : sources.keys()) {
            if (!key.startsWith(prefix) || entries.containsKey(key) || unchecked.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String hint = Suggestions.nearest(key, candidatesFor(key)).map(k -> "; did you mean " + k + "?").orElse("");
            problems.add(new Problem(key, null, sources.origin(key), "unknown key" + hint));
        }
        Map<String, String> keyByEnv = new LinkedHashMap<>();
        entries.keySet().forEach(k -> keyByEnv.put(ConfigSources.envName(k), k));
        for (String name : sources.unusedEnv(ConfigSources.envName(prefix))) {
            String hint = Suggestions.nearest(name, keyByEnv.keySet())
                    .map(n -> "; did you mean " + n + " (" + keyByEnv.get(n) + ")?").orElse("");
            String note = name.startsWith(ConfigSources.envName(Channels.PREFIX))
                    ? " (a channel is declared in a file or with -D; its keys can then be set here)" : "";
            problems.add(new Problem(name, null, "environment", "matches no key" + note + hint));
        }
    }

    private Collection<String> candidatesFor(String key) {
        for (Map.Entry<String, Collection<String>> scope : scopes.entrySet()) {
            if (key.startsWith(scope.getKey())) {
                return scope.getValue();
            }
        }
        Set<String> all = new TreeSet<>(entries.keySet());
        all.addAll(defaults.keySet());
        return all;
    }

    /** A placeholder's value: the environment, -D, the files, then a definition's default; {@code env:}/{@code sys:}. */
    private String lookup(String name) {
        if (name.startsWith("env:")) {
            return sources.env(name.substring(4));
        }
        if (name.startsWith("sys:")) {
            return System.getProperty(name.substring(4));
        }
        return sources.find(name).map(ConfigSources.Raw::text).orElse(defaults.get(name));
    }

    private static String shown(Setting<?> setting, String text) {
        if (text == null) {
            return null;
        }
        return setting.isSecret() ? MASK : "\"" + setting.type().printable().apply(text) + "\"";
    }

    /** Problems found elsewhere (a provider descriptor's), reported with the configuration's. */
    public void addAll(List<Problem> found) {
        problems.addAll(found);
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public Map<String, Entry> entries() {
        return entries;
    }
}
