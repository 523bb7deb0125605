package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer.Verdict;
import com.refundhub.provider.Descriptor;
import com.refundhub.sandbox.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provider contract, outcome tables: every row of every registered provider descriptor's outcome tables, end to end.
 * The sandbox is made to give the answer the row is about ({@code CODE-KEY} for the refund call, {@code INQ-KEY} for
 * inquiries; an unknown code for the fallback rows), the hub reads that answer by that row (the key the route looked
 * up is checked) and the refund ends as the row says:
 * <ul>
 *   <li>refund call: SUCCEEDED, PENDING, FAILED CODE, or PENDING CODE for an unknown outcome;</li>
 *   <li>inquiry (the refund call having said "processing"): SUCCEEDED or FAILED CODE; still PENDING after the
 *       inquiry for PENDING and for an unknown outcome; REVIEW for "no such refund", the provider having accepted it.</li>
 * </ul>
 * An AUTH_FAILED row is logged at ERROR naming the channel; the refund call's fallback row keeps the provider's code
 * and message (an inconclusive inquiry changes nothing but the schedule).
 */
class OutcomeRowsContractTest extends ProviderContractSupport {
    private AnswerLog answers;

    @TestFactory
    Stream<DynamicContainer> everyRowOfEveryOutcomeTableEndsAsTheTableSays() throws Exception {
        answers = AnswerLog.weaveInto(context, Providers.descriptors().stream().map(Descriptor::name).toList());
        return forEveryProvider(this::rows);
    }

    private List<Staged> rows(Descriptor module) {
        OutcomeRows table = new OutcomeRows(module);
        SampleChannel channel = channel(module);
        List<Staged> cases = new ArrayList<>();
        int n = 0;
        for (OutcomeRows.Row row : table.rows()) {
            String forced = row.fallback() ? table.unknownCode() : row.key();
            String refundId = "OT-" + module.name() + "-" + (++n);
            String orderId = (row.operation() == Operation.REFUND ? "CODE-" : "INQ-") + forced;
            cases.add(new Staged(row.toString(), () -> {
                JsonNode first = json(submit(refundId, orderId, channel));
                int attempts = record(refundId).attempts();
                return () -> {
                    assertThat(attempts).as("refund calls sent").isEqualTo(1);
                    if (row.operation() == Operation.REFUND) {
                        refundCallEndsAsTheRowSays(row, first, refundId);
                    } else {
                        assertThat(first.get("status").asText()).as("the refund call said processing").isEqualTo("PENDING");
                        assertThat(first.path("code").isNull() || first.path("code").isMissingNode()).as(first.toString()).isTrue();
                        inquiryEndsAsTheRowSays(row, refundId).execute();
                    }
                    answerWasReadByTheRow(row, refundId);
                    if ("AUTH_FAILED".equals(row.code())) {
                        authFailureLogged(channel.name(), refundId, null);
                    }
                    if (row.fallback() && row.operation() == Operation.REFUND) {
                        RefundRecord r = record(refundId);
                        assertThat(r.providerCode()).as("the provider's own code is kept").isEqualTo(forced);
                        assertThat(r.providerMessage()).as("and its message").isEqualTo(Scenarios.FORCED_MESSAGE);
                        assertThat(r.message()).isEqualTo(Scenarios.FORCED_MESSAGE);
                    }
                };
            }));
        }
        return cases;
    }

    private static void refundCallEndsAsTheRowSays(OutcomeRows.Row row, JsonNode answer, String refundId) {
        String status = switch (row.kind()) {
            case "SUCCEEDED" -> "SUCCEEDED";
            case "FAILED" -> "FAILED";
            case "PENDING", "UNKNOWN" -> "PENDING";
            default -> throw new AssertionError(row + ": a refund call cannot end in " + row.kind());
        };
        assertThat(answer.get("status").asText()).as(refundId + " " + answer).isEqualTo(status);
        assertThat(answer.path("code").isNull() ? null : answer.path("code").asText(null)).as(refundId).isEqualTo(row.code());
    }

    private Executable inquiryEndsAsTheRowSays(OutcomeRows.Row row, String refundId) {
        return () -> {
            switch (row.kind()) {
                case "SUCCEEDED" -> assertThat(awaitStatus(refundId, RefundStatus.SUCCEEDED).code()).isNull();
                case "FAILED" -> assertThat(awaitStatus(refundId, RefundStatus.FAILED).code()).isEqualTo(row.code());
                case "NO_SUCH_REFUND" -> assertThat(awaitStatus(refundId, RefundStatus.REVIEW).code()).isNull();
                case "PENDING", "UNKNOWN" -> {
                    RefundRecord r = awaitInquiries(refundId, 1);
                    assertThat(r.status()).as("still processing after the inquiry").isEqualTo(RefundStatus.PENDING);
                    assertThat(r.code()).isNull();
                }
                default -> throw new AssertionError(row + ": an inquiry cannot end in " + row.kind());
            }
        };
    }

    /** The answer the route read for this refund was looked up by this very row, not another that ends the same. */
    private void answerWasReadByTheRow(OutcomeRows.Row row, String refundId) {
        await().atMost(SETTLED).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> answers.first(refundId, row.operation()).isPresent());
        AnswerLog.Seen seen = answers.first(refundId, row.operation()).orElseThrow();
        assertThat(seen.verdict()).as(refundId + " " + seen).isIn(Verdict.VERIFIED, Verdict.UNSIGNED);
        assertThat(seen.key()).as(refundId + " answered by row " + seen.key()).isEqualTo(row.key());
    }
}
