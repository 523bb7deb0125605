package com.refundhub.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hub's command line as a person types it: {@code --test-provider FILE} is a command like the ledger's (its file
 * given apart or after {@code =}, refused without one, one command at a time) and the usage names it with its exit
 * status. The commands themselves are tested where they run (TestProviderTest, ConfigCheckIT, LedgerToolsIT).
 */
class CommandLineTest {

    @Test
    void testProviderTakesItsFile() throws CommandLine.Refused {
        CommandLine apart = CommandLine.parse(new String[] {"--test-provider", "lumen.provider.yaml"}, null);
        assertThat(apart.command()).isEqualTo(CommandLine.Command.TEST_PROVIDER);
        assertThat(apart.argument()).isEqualTo("lumen.provider.yaml");
        CommandLine inline = CommandLine.parse(new String[] {"--test-provider=providers/lumen.provider.yaml"}, null);
        assertThat(inline.command()).isEqualTo(CommandLine.Command.TEST_PROVIDER);
        assertThat(inline.argument()).isEqualTo("providers/lumen.provider.yaml");
    }

    @Test
    void testProviderWithoutAFileOrWithAnotherCommandIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--test-provider"}, null))
                .isInstanceOf(CommandLine.Refused.class).hasMessage("--test-provider needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--test-provider", "--check-config"}, null))
                .isInstanceOf(CommandLine.Refused.class).hasMessage("--test-provider needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--check-config", "--test-provider", "a.provider.yaml"},
                null)).isInstanceOf(CommandLine.Refused.class)
                .hasMessage("--check-config and --test-provider: one command at a time");
    }

    @Test
    void theUsageNamesTestProviderAndItsExitStatus() {
        assertThat(CommandLine.usage()).containsPattern("(?m)^  --test-provider FILE +prove a provider descriptor")
                .contains("1 a --test-provider case failed");
    }
}
