package com.refundhub.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/providers.md's worked example is the file the proof runs (examples/providers/lumen.provider.yaml). */
class ProviderDocsTest {

    @Test
    void theGuidesCompleteDescriptorIsTheExampleFile() throws Exception {
        String doc = Files.readString(Path.of("docs/providers.md"));
        String begin = "<!-- lumen.provider.yaml -->\n```yaml\n";
        String end = "```\n<!-- end of lumen.provider.yaml -->";
        assertThat(doc).contains(begin).contains(end);
        String inDoc = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end));
        assertThat(inDoc).isEqualTo(Files.readString(Path.of("examples/providers/lumen.provider.yaml")));
    }
}
