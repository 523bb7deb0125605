package com.refundhub.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The hub's command line: {@code [--config FILE] [COMMAND]}. Anything else is refused with the usage (exit 2): the
 * options of Camel Main, which runs the hub, mean nothing here.
 */
record CommandLine(String config, String configOrigin, Command command, String argument) {

    /** What to do; {@link #START} unless a command is given. */
    enum Command {
        START(null, null, "start the hub"),
        CHECK_CONFIG("--check-config", null, "check the configuration and print it, secrets masked; start nothing"),
        CHECK_LEDGER("--check-ledger", null, "check the ledger: every index against its table, every page and "
                + "reference (exit 0 when sound, 2 when not); the hub may be running"),
        BACKUP("--backup", "FILE", "write a consistent copy of the embedded ledger to FILE; the hub may be running"),
        REPAIR_LEDGER("--repair-ledger", null, "rebuild every index of the embedded ledger from its table, then check "
                + "it; the hub must be stopped"),
        MIGRATE_LEDGER("--migrate-ledger", "H2-URL", "convert a ledger an earlier release kept on H2 "
                + "(jdbc:h2:file:PATH) into SQLite (PATH.db)"),
        TEST_PROVIDER("--test-provider", "FILE", "prove a provider descriptor (NAME.provider.yaml) against its own "
                + "sandbox: one line per case, then N passed, M failed (exit 1 when a case failed)"),
        HELP("--help", null, "this text");

        final String option;
        final String value;
        final String what;

        Command(String option, String value, String what) {
            this.option = option;
            this.value = value;
            this.what = what;
        }
    }

    /** A command line the hub does not take: why, said with the usage. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why);
        }
    }

    static CommandLine parse(String[] args, String configFromEnvironment) throws Refused {
        String config = configFromEnvironment;
        String origin = "REFUNDHUB_CONFIG";
        Command command = Command.START;
        String argument = null;
        List<String> args0 = new ArrayList<>(List.of(args));
        for (int i = 0; i < args0.size(); i++) {
            String a = args0.get(i);
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                inline = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals("--config")) {
                config = value(a, inline, args0, i);
                origin = "--config";
                i += inline == null ? 1 : 0;
                continue;
            }
            Command found = null;
            for (Command c : Command.values()) {
                if (a.equals(c.option)) {
                    found = c;
                }
            }
            if (found == null) {
                throw new Refused("unknown option " + args0.get(i));
            }
            if (command != Command.START) {
                throw new Refused(command.option + " and " + found.option + ": one command at a time");
            }
            command = found;
            if (found.value != null) {
                argument = value(a, inline, args0, i);
                i += inline == null ? 1 : 0;
            } else if (inline != null) {
                throw new Refused(a + " takes no value");
            }
        }
        return new CommandLine(config, origin, command, argument);
    }

    private static String value(String option, String inline, List<String> args, int i) throws Refused {
        if (inline != null) {
            return inline;
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new Refused(option + " needs a value");
        }
        return args.get(i + 1);
    }

    static String usage() {
        StringBuilder b = new StringBuilder("usage: java -jar refundhub.jar [--config FILE] [COMMAND]\n\n"
                + "  --config FILE            the configuration file (or env REFUNDHUB_CONFIG), over config/application.properties\n");
        for (Command c : Command.values()) {
            String left = c.option == null ? "(no command)" : c.option + (c.value == null ? "" : " " + c.value);
            b.append(String.format("  %-24s %s%n", left, c.what));
        }
        return b.append("\nExit status: 0 done, 1 a --test-provider case failed, 2 refused (a configuration, a "
                + "ledger, a descriptor or a command line it cannot take).\n")
                .toString();
    }
}
