package com.refundhub.core;

import com.refundhub.core.RefundTransitions.Transition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/state-machine.md} is drawn from {@link RefundTransitions}: this test fails when the file differs from
 * what the data gives. To write it again from the data:
 * {@value #REGENERATE}
 */
class StateMachineDocTest {
    static final String REGENERATE = "mvn -B -q test -Dtest=StateMachineDocTest -Ddocs.write=true";
    private static final Path DOC = Path.of("docs/state-machine.md");

    @Test
    void theDocumentIsWhatTheTransitionsGive() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("docs.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as(DOC + " is missing; write it with: " + REGENERATE).isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as(DOC + " differs from RefundTransitions; write it "
                + "again with: " + REGENERATE).isEqualTo(expected);
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Refund state machine\n\n");
        md.append("<!-- Generated from com.refundhub.core.RefundTransitions: edit that table, then run\n");
        md.append("     ").append(REGENERATE).append("\n");
        md.append("     (StateMachineDocTest fails while this file differs from the table.) -->\n\n");
        md.append("Every move a refund's status may make. The ledger refuses any other (in Java and again in the\n");
        md.append("SQL of the update), and nothing leaves a final status (").append(String.join(", ",
                RefundStatus.finals().stream().map(Enum::name).toList())).append(").\n");
        md.append("The decisions that pick a move after a provider call are in `routes/outcome.camel.yaml`.\n\n");
        md.append("```mermaid\nstateDiagram-v2\n");
        md.append("    [*] --> ").append(RefundStatus.RECEIVED).append(" : accepted\n");
        for (Transition t : RefundTransitions.all()) {
            md.append("    ").append(t.from()).append(" --> ").append(t.to()).append(" : ").append(t.trigger()).append('\n');
        }
        for (RefundStatus s : RefundStatus.finals()) {
            md.append("    ").append(s).append(" --> [*]\n");
        }
        md.append("```\n\n");
        md.append("| from | to | what causes it |\n|---|---|---|\n");
        md.append("| – | ").append(RefundStatus.RECEIVED).append(" | ").append(RefundTransitions.ENTRY).append(" |\n");
        for (Transition t : RefundTransitions.all()) {
            md.append("| ").append(t.from()).append(" | ").append(t.to()).append(" | ").append(t.cause()).append(" |\n");
        }
        return md.toString();
    }
}
