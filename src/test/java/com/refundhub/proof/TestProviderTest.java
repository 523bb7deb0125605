package com.refundhub.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --test-provider FILE} as a person runs it: one line per case and {@code N passed, M failed}, exit 0 only when
 * every case passed; a descriptor whose sandbox does not answer as its table says fails (exit 1) naming the case; a
 * descriptor with mistakes is refused before anything runs (exit 2), one line per problem with its file, line, field
 * and what is allowed, and no stack trace.
 */
class TestProviderTest {
    static final Path TRUSTY = Path.of("src/main/resources/providers/trusty.provider.yaml");
    @TempDir
    Path dir;

    record Run(int status, List<String> out, List<String> err) {
    }

    static Run run(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TestProvider.run(file, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aGoodDescriptorPassesEveryCaseAndExitsZero() {
        Run r = run(TRUSTY);
        assertThat(r.status()).as(String.join("\n", r.out())).isZero();
        assertThat(r.out()).filteredOn(l -> l.startsWith("PASS ")).hasSizeGreaterThan(30);
        assertThat(r.out()).noneMatch(l -> l.startsWith("FAIL "));
        assertThat(r.out().get(r.out().size() - 1)).matches("\\d+ passed, 0 failed");
    }

    @Test
    void aSandboxThatDoesNotAnswerAsTheTableSaysFailsThatCaseAndExitsOne() throws IOException {
        // the sandbox's order-not-found answer is now a code the table reads as a parameter error
        Path spoilt = write("trusty.provider.yaml", Files.readString(TRUSTY).replace(
                "return_code: ORDER_NOT_EXIST, return_msg: This order does not exist.}}\n      not-refundable",
                "return_code: PARAM_ERROR, return_msg: This order does not exist.}}\n      not-refundable"));
        Run r = run(spoilt);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL NOTFOUND- is FAILED ORDER_NOT_FOUND: came to FAILED INVALID_REQUEST "
                + "(provider answered PARAM_ERROR), not FAILED ORDER_NOT_FOUND");
        assertThat(r.out().get(r.out().size() - 1)).matches("\\d+ passed, 1 failed");
    }

    @Test
    void aKnownAnswerTheHubDoesNotReproduceFails() throws IOException {
        Path spoilt = write("trusty.provider.yaml", Files.readString(TRUSTY).replace("D31FFB0411ABD068B9EE73E21C01C365",
                "D31FFB0411ABD068B9EE73E21C01C366"));
        Run r = run(spoilt);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).anyMatch(l -> l.startsWith("FAIL example refund signed with MD5 (line "));
    }

    @Test
    void aDescriptorWithMistakesIsRefusedOneLinePerProblem() throws IOException {
        String text = Files.readString(TRUSTY)
                .replace("  encoding: json\n  fields:", "  encodng: json\n  fields:")                      // unknown field
                .replace("  amount: none ", "  amount: 12 ")                                             // wrong type
                .replace("    digest: ${setting.sign-type}\n    key: ${setting.key}\n    case: upper\n    at: sign\n\nanswer:",
                        "    digest: SHA-512\n    key: ${setting.key}\n    case: upper\n    at: sign\n\nanswer:") // out of range
                .replace("about: {refundNo: \"${refund.refundId}\"}\n      code: [refundStatus",
                        "about: {refundNo: \"${refund.refundid}\"}\n      code: [refundStatus");          // no such field
        Path bad = write("trusty.provider.yaml", text);
        Run r = run(bad);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String f = bad.toString();
        assertThat(r.err()).first().asString().startsWith("refundhub: " + f + " has 4 problems:");
        assertThat(r.err()).contains(
                "  - " + f + ":17 request.encodng: unknown field 'encodng'; did you mean 'encoding'?",
                "  - " + f + ":14 rules.amount: '12' is not allowed; allowed: none, required",
                "  - " + f + ":28 request.signature.digest: 'SHA-512' is out of range for sorted-fields; allowed: MD5, "
                        + "SHA256, HMACSHA256");
        assertThat(r.err()).anyMatch(l -> l.contains(":57 operations.refund.answer.about.refundNo: no refund field "
                + "'refundid'; did you mean 'refundId'?"));
        assertThat(String.join("\n", r.err())).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aPathThatCannotExistInItsEncodingIsRefused() throws IOException {
        Path bad = write("trusty.provider.yaml", Files.readString(TRUSTY).replace("request:\n  encoding: json",
                "request:\n  encoding: form").replace("    nonce_str: ${nonce(32)}\n",
                "    nonce_str: ${nonce(32)}\n    merchant:\n      id: ${setting.mchnt-id}\n"));
        Run r = run(bad);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).anyMatch(l -> l.contains(" request.fields.merchant: a form body is flat: 'merchant' cannot "
                + "hold fields"));
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
