package com.refundhub.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchema;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.refundhub.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/provider-descriptor.schema.json describes the descriptors the hub reads: every descriptor shipped, tested and
 * given as an example is valid by it, and what the hub refuses for a mistake a schema can see (an unknown field, a
 * wrong type, an outcome that is not one) the schema refuses too.
 */
class DescriptorSchemaTest {
    static final Path SCHEMA = Path.of("docs/provider-descriptor.schema.json");

    static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.byDefault().getJsonSchema(Json.MAPPER.readTree(SCHEMA.toFile()));
    }

    static JsonNode yaml(String text) {
        return Json.MAPPER.valueToTree(new Load(LoadSettings.builder().build()).loadFromString(text));
    }

    static List<Path> descriptors() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("src/main/resources/providers", "src/test/resources/providers", "examples/providers")) {
            try (Stream<Path> all = Files.list(Path.of(dir))) {
                all.filter(p -> p.toString().endsWith(ProviderTypes.SUFFIX)).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyDescriptorIsValidByTheSchema() throws Exception {
        JsonSchema schema = schema();
        List<Path> files = descriptors();
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            ProcessingReport report = schema.validate(yaml(Files.readString(f)));
            assertThat(report.isSuccess()).as(report.toString()).isTrue();
        }));
    }

    @Test
    void theSchemaRefusesWhatTheHubRefuses() throws Exception {
        JsonSchema schema = schema();
        String trusty = Files.readString(Path.of("src/main/resources/providers/trusty.provider.yaml"));
        for (String bad : List.of(
                trusty.replace("  encoding: json\n  fields:", "  encodng: json\n  fields:"),
                trusty.replace("  amount: none ", "  amount: 12 "),
                trusty.replace("then: FAILED NOT_REFUNDABLE}", "then: FAILED_NOT_REFUNDABLE}"),
                trusty.replace("    recipe: sorted-fields\n    fields: .\n    empty: skip\n    append: \"&key=${setting.key}\"\n"
                        + "    digest: ${setting.sign-type}\n    key: ${setting.key}\n    case: upper\n    at: sign\n\nanswer:",
                        "    recipe: sorted-fieldz\n    fields: .\n    at: sign\n\nanswer:"))) {
            assertThat(bad).isNotEqualTo(trusty);
            assertThat(schema.validate(yaml(bad)).isSuccess()).as(bad.substring(0, 40)).isFalse();
            List<com.refundhub.config.Problem> problems = new ArrayList<>();
            assertThat(DescriptorReader.read("trusty.provider.yaml", bad, "trusty", problems)).isEmpty();
            assertThat(problems).isNotEmpty();
        }
    }
}
