package com.refundhub.config;

/** Checked values of one scope of the configuration (the whole, or one channel or simulator). */
@FunctionalInterface
public interface SettingValues {
    /** No value set: every setting has its default. */
    SettingValues NONE = new SettingValues() {
        @Override
        public <T> T get(Setting<T> setting) {
            return setting.defaultValue();
        }
    };

    /** The setting's value, its default when not set, or null when it has neither (or could not be read). */
    <T> T get(Setting<T> setting);
}
