package com.refundhub.provider;

import java.util.Map;

/**
 * One operation of a provider (refund or inquiry): where it goes, what it sends, how its answer is read, and what the
 * sandbox answers to it ({@code sandbox}: answer name → answer, e.g. {@code succeeded}, {@code order-not-found}).
 */
public record OperationSpec(Operation operation, String method, Template path, RequestSpec request, AnswerSpec answer,
                            Descriptor.ClientCertificate clientCertificate, Map<String, SandboxAnswer> sandbox) {
}
