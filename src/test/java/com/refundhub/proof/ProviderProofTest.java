package com.refundhub.proof;

import com.refundhub.Providers;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.ProviderTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider proof ({@code --test-provider}) for every registered descriptor and every example descriptor of
 * {@code examples/providers}: each case a test. The registered ones come from the classpath's
 * {@code providers/built-in.list} (the test-only {@code fourth} included), so a provider cannot be left out; and each
 * must bring its contract data, and no contract data may name a provider that is not registered.
 */
class ProviderProofTest {
    static final Path EXAMPLES = Path.of("examples/providers");

    @TestFactory
    Stream<DynamicContainer> everyRegisteredDescriptorPassesItsProof() {
        return Providers.descriptors().stream().map(ProviderProofTest::proven);
    }

    @TestFactory
    Stream<DynamicContainer> everyExampleDescriptorPassesItsProof() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(EXAMPLES)) {
            files = all.filter(p -> p.toString().endsWith(ProviderTypes.SUFFIX)).sorted().toList();
        }
        assertThat(files).as("the example descriptors").isNotEmpty();
        return files.stream().map(f -> {
            ProviderTypes t = ProviderTypes.file(f);
            assertThat(t.problems()).as(f.toString()).isEmpty();
            return proven(t.all().iterator().next());
        });
    }

    private static DynamicContainer proven(Descriptor d) {
        List<ProviderProof.Result> results = ProviderProof.run(d);
        assertThat(results).as(d.name() + ": cases").hasSizeGreaterThan(20);
        return DynamicContainer.dynamicContainer(d.name(), results.stream().map(r -> DynamicTest.dynamicTest(r.name(),
                () -> assertThat(r.passed()).as(d.name() + ": " + r.line()).isTrue())));
    }

    @Test
    void everyRegisteredDescriptorHasContractDataAndNoneIsLeftOver() throws IOException {
        Set<String> registered = new TreeSet<>(Providers.types().byName().keySet());
        Set<String> data = new TreeSet<>();
        try (Stream<Path> all = Files.list(Path.of("src/test/resources/contract"))) {
            all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> data.add(n.substring(0, n.length() - ".json".length())));
        }
        assertThat(data).as("contract/TYPE.json for every registered provider, none other").isEqualTo(registered);
        assertThat(registered).contains("trusty", "newpay", "scanforpay", "fourth");
    }
}
