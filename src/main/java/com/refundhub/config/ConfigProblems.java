package com.refundhub.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used: every problem found, one line each. */
public class ConfigProblems extends IllegalStateException {
    private final List<Problem> problems;

    public ConfigProblems(List<Problem> problems) {
        super(report(problems));
        this.problems = List.copyOf(problems);
    }

    /** No stack trace: the lines say everything, and a trace would only hide them. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String report(List<Problem> problems) {
        return "the configuration has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(p -> "  - " + p.line()).collect(Collectors.joining("\n"));
    }
}
