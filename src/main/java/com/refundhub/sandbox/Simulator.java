package com.refundhub.sandbox;

import com.refundhub.config.Setting;
import com.refundhub.config.SettingValues;
import java.util.List;
import java.util.Map;

/**
 * One simulated provider of the sandbox, served under {@code /TYPE/...} on the sandbox's loopback port. It acts out
 * every {@link Scenario} of {@link Scenarios}, including {@code CODE-}/{@code INQ-}: an answer for any key of its
 * provider's outcome table, which is how the provider contract tests reach every row.
 */
public interface Simulator {

    String type();

    /** The keys of this simulator's merchant account, {@code refundhub.sandbox.TYPE.*}, relative to that prefix. */
    List<Setting<?>> settings();

    /** Takes this simulator's merchant account (checked values of {@link #settings()}); scenarios are shared. */
    void configure(SettingValues account, Scenarios scenarios);

    /** Answers one request; {@code path} is what follows {@code /TYPE}. */
    Reply handle(String path, Map<String, String> headers, String body) throws Exception;

    /** The refunds this simulator has recorded (for tests, the benchmark and {@code /_sandbox}). */
    RefundBook book();

    /** How an answer is spoiled on its way (sandbox faults). */
    enum Fault { NONE, HTTP_500, HTTP_502, HTTP_503, RESET, GARBAGE, TRUNCATED }

    /** An HTTP answer, possibly late, possibly spoiled. */
    record Reply(int status, String body, long delayMillis, Fault fault) {
        public Reply(int status, String body, long delayMillis) {
            this(status, body, delayMillis, Fault.NONE);
        }

        public static Reply ok(String body) {
            return new Reply(200, body, 0);
        }

        public Reply after(long millis) {
            return new Reply(status, body, millis, fault);
        }

        /** The answer as a decision about it says it travels. */
        public Reply as(Scenarios.Decision d) {
            return new Reply(status, body, d.delayMillis(), d.fault());
        }
    }
}
