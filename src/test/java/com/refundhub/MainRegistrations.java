package com.refundhub;

import com.refundhub.provider.Descriptor;
import com.refundhub.provider.ProviderTypes;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.List;

/**
 * The providers the main code ships (its {@code providers/built-in.list} in {@code target/classes}), without what the
 * test sources add (the throwaway provider {@code fourth}): for what must describe the product itself, such as the
 * generated configuration reference.
 */
public final class MainRegistrations {
    private static final Path BUILT_IN = Path.of("target/classes").resolve(ProviderTypes.BUILT_IN);

    private MainRegistrations() {
    }

    public static List<Descriptor> descriptors() {
        try {
            ProviderTypes types = ProviderTypes.load(List.of(BUILT_IN.toUri().toURL()), null);
            if (!types.problems().isEmpty()) {
                throw new IllegalStateException("the main code's descriptors have problems: " + types.problems());
            }
            return List.copyOf(types.all());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
