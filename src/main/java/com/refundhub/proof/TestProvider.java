package com.refundhub.proof;

import com.refundhub.config.Problem;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.ProviderTypes;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar refundhub.jar --test-provider FILE}: checks a descriptor as the hub does at start, then proves it
 * against its own sandbox ({@link ProviderProof}); one line per case, then {@code N passed, M failed}. Exit status 0
 * when every case passed, 1 when one failed, 2 when the file cannot be used at all (its problems, one line each).
 */
public final class TestProvider {
    private TestProvider() {
    }

    public static int run(Path file, PrintStream out, PrintStream err) {
        if (!Files.isReadable(file)) {
            err.println("refundhub: " + file + " cannot be read");
            return 2;
        }
        ProviderTypes types = ProviderTypes.file(file);
        if (!types.problems().isEmpty()) {
            err.println("refundhub: " + file + " has " + types.problems().size()
                    + (types.problems().size() == 1 ? " problem:" : " problems:"));
            for (Problem p : types.problems()) {
                err.println("  - " + p.line());
            }
            return 2;
        }
        NativeCrypto.select(true);
        Descriptor d = types.all().iterator().next();
        out.println("proving provider " + d.name() + " (" + d.title() + ") against its sandbox");
        List<ProviderProof.Result> results = ProviderProof.run(d);
        results.forEach(r -> out.println(r.line()));
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
