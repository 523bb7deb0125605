package com.refundhub.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * refundhub.outcomes.dir keeps working with descriptors: {@code TYPE.properties} changes what a named row of a table
 * means, without editing the descriptor; a line naming no row is a problem (the hub does not start).
 */
class OutcomeOverridesTest {
    @TempDir
    Path dir;

    @Test
    void aLineChangesWhatItsRowMeans() throws Exception {
        Files.writeString(dir.resolve("trusty.properties"), "refund.CHANNEL_NOT_ALLOWED = FAILED PROVIDER_ERROR\n");
        ProviderTypes types = ProviderTypes.load(null).withOutcomeOverrides(dir);
        assertThat(types.problems()).isEmpty();
        OutcomeRow row = types.get("trusty").refund().answer().outcomes().rows().stream()
                .filter(r -> r.label(null).equals("CHANNEL_NOT_ALLOWED")).findFirst().orElseThrow();
        assertThat(row.then()).isEqualTo("FAILED PROVIDER_ERROR");
        assertThat(ProviderTypes.load(null).get("trusty").refund().answer().outcomes().rows().stream()
                .filter(r -> r.label(null).equals("CHANNEL_NOT_ALLOWED")).findFirst().orElseThrow().then())
                .as("the descriptor itself").isEqualTo("FAILED NOT_REFUNDABLE");
    }

    @Test
    void aLineNamingNoRowIsAProblem() throws Exception {
        Files.writeString(dir.resolve("trusty.properties"), "refund.CHANEL_NOT_ALLOWED = FAILED PROVIDER_ERROR\n");
        List<com.refundhub.config.Problem> problems = ProviderTypes.load(null).withOutcomeOverrides(dir).problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).contains("refund.CHANEL_NOT_ALLOWED").contains("has no row CHANEL_NOT_ALLOWED");
    }
}
