package com.refundhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the main code registers (its {@code META-INF/services} in {@code target/classes}), without what the test
 * sources add (the throwaway provider {@code fourth}): for what must describe the product itself, such as the
 * generated configuration reference.
 */
public final class MainRegistrations {
    private static final Path SERVICES = Path.of("target/classes/META-INF/services");

    private MainRegistrations() {
    }

    public static <T> List<T> of(Class<T> service) {
        try {
            List<T> out = new ArrayList<>();
            for (String line : Files.readAllLines(SERVICES.resolve(service.getName()))) {
                String name = line.replaceAll("#.*", "").trim();
                if (!name.isEmpty()) {
                    out.add(service.cast(Class.forName(name).getDeclaredConstructor().newInstance()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the main code registers a " + service.getSimpleName() + " tests cannot make", e);
        }
    }
}
