package com.refundhub.provider;

import java.util.List;
import java.util.Map;

/**
 * How an operation's answer is read: its encoding, the paths every answer has ({@code requires}; an answer without one
 * is not the provider's), its signature, which answers may come unsigned (only ever acted on as errors), where the
 * provider's code, message and refund number are, what the answer must be about ({@code about}: path → the refund's
 * value it must have when present), where an answer about the whole order says what it has had refunded
 * ({@code orderRefunded}), and its outcome table.
 */
public record AnswerSpec(Encoding encoding, List<String> requires, SignatureSpec signature,
                         List<Condition> unsignedErrors, List<Template> code, List<Template> message,
                         String providerRefundId, Map<String, Template> about, String orderRefunded,
                         OutcomeTable outcomes) {
}
