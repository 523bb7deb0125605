package com.refundhub.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The definitions themselves, and config/application.properties as their readable example. */
class DefinitionsTest {
    private static final Pattern EXAMPLE_LINE = Pattern.compile("(?m)^#\\s?(refundhub\\.[\\w.-]+)=(.*)$");

    static List<Setting<?>> everyDefinition() {
        List<Setting<?>> all = new ArrayList<>();
        HubSettings.AREAS.forEach(a -> all.addAll(a.settings()));
        all.addAll(Channels.COMMON);
        all.addAll(Webhooks.SETTINGS);
        com.refundhub.Providers.descriptors().forEach(d -> {
            all.addAll(d.channelSettings());
            all.addAll(d.sandboxSettings());
        });
        return all;
    }

    @Test
    void everyKeyIsDefinedOnceWithADescription() {
        Set<String> global = new HashSet<>();
        for (HubSettings.Area a : HubSettings.AREAS) {
            for (Setting<?> s : a.settings()) {
                assertThat(global.add(s.key())).as("defined twice: " + s.key()).isTrue();
                assertThat(s.key()).startsWith("refundhub.");
            }
        }
        for (Setting<?> s : everyDefinition()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
            assertThat(s.isRequired() && s.defaultText() != null).as("required with a default: " + s.key()).isFalse();
        }
    }

    @Test
    void keysThatHoldSecretsAreSecret() {
        for (Setting<?> s : everyDefinition()) {
            if (s.key().matches("(.*\\.)?(key|password|secret|api-keys)")) {
                assertThat(s.isSecret()).as(s.key() + " holds a secret").isTrue();
            }
        }
    }

    @Test
    void aDefaultItsOwnTypeRefusesIsABug() {
        assertThatThrownBy(() -> Setting.of("refundhub.x", Types.PORT, "0", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsReachCamelAsMilliseconds() {
        assertThat(Types.duration(java.time.Duration.ZERO).toCamel(Types.duration(java.time.Duration.ZERO).parse("2m")))
                .isEqualTo("120000");
        assertThat(Types.millis(java.time.Duration.ofMillis(1)).parse("250")).hasMillis(250);
        assertThat(Types.print(java.time.Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Types.print(java.time.Duration.ofHours(72))).isEqualTo("3d");
    }

    /** A commented-out {@code # refundhub.KEY=VALUE} line shows the key at its default: uncommented, it changes nothing. */
    @Test
    void theExampleFilesCommentedLinesAreTheDefaults() throws Exception {
        String text = Files.readString(Path.of("config/application.properties"));
        Map<String, String> examples = new LinkedHashMap<>();
        Matcher m = EXAMPLE_LINE.matcher(text);
        while (m.find()) {
            examples.put(m.group(1), m.group(2).trim());
        }
        assertThat(examples).hasSizeGreaterThan(40);
        HubSettings shipped = ConfigFixtures.read(Map.of());
        HubSettings uncommented = ConfigFixtures.read(examples);
        assertThat(uncommented.camelProperties()).isEqualTo(shipped.camelProperties());
        for (String key : examples.keySet()) {
            assertThat(shipped.entries()).filteredOn(e -> e.key().equals(key)).extracting(ConfigReader.Entry::origin)
                    .as(key + " is at its default").containsExactly(key.startsWith(Channels.PREFIX)
                            ? (key.endsWith(".currencies") ? "default of type " + key.split("\\.")[2] : "default")
                            : "default");
        }
    }
}
