package com.refundhub.app;

import com.refundhub.config.ConfigProblems;
import com.refundhub.config.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In process (the tests' harness), the configuration is read from Camel's property files, -D and the
 * environment; then every {{refundhub.*}} placeholder gets the checked, normalised value.
 */
class CamelPropertiesTest {
    @TempDir
    Path dir;

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void clear() throws Exception {
        System.clearProperty("refundhub.batch.read-lock-interval");
        System.clearProperty("refundhub.http.prot");
        context.close();
    }

    private PropertiesComponent properties(String... lines) throws Exception {
        Path file = Files.writeString(dir.resolve("test.properties"), String.join("\n", lines));
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setLocation("file:" + file + ",file:config/application.properties");
        return pc;
    }

    @Test
    void placeholdersResolveToTheCheckedNormalisedValues() throws Exception {
        PropertiesComponent pc = properties("refundhub.events.interval=2s");
        System.setProperty("refundhub.batch.read-lock-interval", "1s");
        HubSettings settings = HubSettings.read(CamelProperties.sources(pc), com.refundhub.app.RefundHubMain::providerTypes);
        assertThat(pc.resolveProperty("refundhub.batch.read-lock-interval")).as("before: -D as written").contains("1s");

        CamelProperties.apply(pc, settings);
        assertThat(pc.resolveProperty("refundhub.batch.read-lock-interval")).contains("1000");
        assertThat(pc.resolveProperty("refundhub.events.interval")).contains("2000");
        assertThat(pc.resolveProperty("refundhub.recovery.interval")).as("a key only the code defines").contains("30000");
        assertThat(pc.parseUri("{{camel.server.port}}")).isEqualTo("8080");
        assertThat(pc.resolveProperty("camel.main.name")).as("Camel's own keys untouched").contains("refundhub");
    }

    @Test
    void originsNameCamelsLocations() throws Exception {
        PropertiesComponent pc = properties("refundhub.http.port=8181");
        HubSettings settings = HubSettings.read(CamelProperties.sources(pc), com.refundhub.app.RefundHubMain::providerTypes);
        assertThat(settings.http().port()).isEqualTo(8181);
        assertThat(settings.entries()).filteredOn(e -> e.key().equals("refundhub.http.port"))
                .extracting(e -> e.origin()).containsExactly("file " + dir.resolve("test.properties"));
    }

    @Test
    void oneExceptionListsEveryProblem() throws Exception {
        PropertiesComponent pc = properties("refundhub.http.port=abc", "refundhub.channels.trusty.read-timout=2s");
        System.setProperty("refundhub.http.prot", "1");
        assertThatThrownBy(() -> HubSettings.read(CamelProperties.sources(pc), com.refundhub.app.RefundHubMain::providerTypes)).isInstanceOf(ConfigProblems.class)
                .hasMessageContaining("3 problems")
                .hasMessageContaining("refundhub.http.port = \"abc\"")
                .hasMessageContaining("did you mean refundhub.channels.trusty.read-timeout?")
                .hasMessageContaining("refundhub.http.prot (system property -Drefundhub.http.prot): unknown key; "
                        + "did you mean refundhub.http.port?");
    }
}
