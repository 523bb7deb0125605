package com.refundhub.provider.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * A contract case in two steps: {@code start} sends its refunds and returns the check. Every case of a factory is
 * started, several at a time, before the first is checked, so their answers, inquiries and timeouts overlap; a case
 * whose start failed fails its own test only.
 */
record Staged(String name, Start start) {
    static final int AT_ONCE = 8;

    @FunctionalInterface
    interface Start {
        Executable start() throws Throwable;
    }

    /** Starts every case, then gives one test per case, in their order, that runs its check. */
    static List<DynamicTest> run(List<Staged> cases) {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<Executable>> started = new ArrayList<>();
            for (Staged c : cases) {
                started.add(pool.submit(() -> {
                    try {
                        return c.start().start();
                    } catch (Throwable t) {
                        return () -> {
                            throw t;
                        };
                    }
                }));
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                tests.add(DynamicTest.dynamicTest(cases.get(i).name(), named(cases.get(i).name(), started.get(i).get())));
            }
            return tests;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the cases", e);
        } finally {
            pool.shutdown();
        }
    }

    /** A failure names its case: Surefire reports dynamic tests by their index only. */
    static Executable named(String name, Executable check) {
        return () -> {
            try {
                check.execute();
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        };
    }
}
