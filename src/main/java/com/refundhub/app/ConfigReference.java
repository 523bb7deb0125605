package com.refundhub.app;

import com.refundhub.config.ConfigDocs;
import com.refundhub.provider.ProviderTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the configuration reference into {@code docs/configuration.md} from the definitions, the built-in providers'
 * descriptors included: {@code java -cp target/refundhub.jar com.refundhub.app.ConfigReference docs/configuration.md}.
 */
public final class ConfigReference {
    private ConfigReference() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(file, ConfigDocs.withReference(Files.readString(file),
                List.copyOf(ProviderTypes.load(null).all())));
        System.out.println("wrote the configuration reference into " + file);
    }
}
