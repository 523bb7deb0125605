package com.refundhub.config;

/**
 * The one definition of a configuration key: its type, default, description, and whether it is a secret or
 * required. Keys of a named group ({@code refundhub.channels.NAME.*}) are written relative to the member
 * ({@code base-url}); all others in full.
 *
 * @param defaultText the default as a configuration file would write it; null when there is none
 * @param defaultNote the reference's words for a default that is not one value (e.g. "the type's"); else null
 */
public record Setting<T>(String key, ValueType<T> type, String defaultText, String defaultNote, String description,
                         boolean isSecret, boolean isRequired) {

    public Setting {
        if (defaultText != null) {
            type.parse(defaultText);   // a definition with a default its own type refuses is a bug: fail at once
        }
    }

    /** A key with a default (or none, when {@code defaultText} is null). */
    public static <T> Setting<T> of(String key, ValueType<T> type, String defaultText, String description) {
        return new Setting<>(key, type, defaultText, null, description, false, false);
    }

    /** A key that must be set. */
    public static <T> Setting<T> required(String key, ValueType<T> type, String description) {
        return new Setting<>(key, type, null, null, description, false, true);
    }

    /** Its value is never printed, logged or shown in a problem. */
    public Setting<T> secret() {
        return new Setting<>(key, type, defaultText, defaultNote, description, true, isRequired);
    }

    /** The same key, not required (e.g. a simulator's account while the sandbox is off). */
    public Setting<T> optional() {
        return new Setting<>(key, type, defaultText, defaultNote, description, isSecret, false);
    }

    /** How the reference describes a default computed elsewhere. */
    public Setting<T> defaultNote(String note) {
        return new Setting<>(key, type, defaultText, note, description, isSecret, isRequired);
    }

    public T defaultValue() {
        return defaultText == null ? null : type.parse(defaultText);
    }
}
