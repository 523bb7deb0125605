package com.refundhub.config;

import com.refundhub.MainRegistrations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md's reference is what the definitions of the main code generate (test-only providers aside). */
class ConfigDocsTest {
    static final Path DOC = Path.of("docs/configuration.md");

    @Test
    void theReferenceInTheDocsIsWhatTheDefinitionsGenerate() throws Exception {
        String doc = Files.readString(DOC);
        assertThat(ConfigDocs.withReference(doc, MainRegistrations.descriptors()))
                .as("docs/configuration.md differs from the definitions; regenerate it: mvn -B -q -DskipTests package "
                        + "&& java -cp target/refundhub.jar com.refundhub.app.ConfigReference docs/configuration.md")
                .isEqualTo(doc);
    }

    @Test
    void theReferenceNamesEveryKeyWithItsTypeAndDefault() {
        String ref = ConfigDocs.reference(MainRegistrations.descriptors());
        for (HubSettings.Area area : HubSettings.AREAS) {
            for (Setting<?> s : area.settings()) {
                assertThat(ref).contains("| `" + s.key() + "` | " + s.type().name() + " | ");
            }
        }
        assertThat(ref).contains("| `read-timeout` | duration | `15s` |").contains("#### Type `trusty`")
                .contains("| `key` | text | **required** | any text | yes |").contains("MD5 \\| HMACSHA256");
    }
}
