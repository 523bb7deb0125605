package com.refundhub.provider;

import java.util.Map;

/**
 * One answer of the sandbox: its fields (a tree as in requests, with the values of the refund it is about), whether it
 * is signed, its HTTP status, or, instead of fields, a literal {@code text}.
 */
public record SandboxAnswer(String name, Map<String, Object> fields, boolean signed, int status, String text) {
}
