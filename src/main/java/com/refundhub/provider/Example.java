package com.refundhub.provider;

import java.util.Map;

/**
 * A known answer a descriptor brings (computed outside the hub): a request the hub must send byte for byte, or an
 * answer it must read as said. {@code channel} changes the sandbox channel's settings; {@code refund} is the canonical
 * refund (refundId, orderId, amount, currency, ...); {@code inputs}: nonce, uuid and time.
 *
 * @param body    for a request: the exact text to send; null for an answer
 * @param headers for a request: headers it must carry, with these values (a signature in a header)
 * @param answer  for an answer: its exact text; null for a request
 * @param verdict for an answer: VERIFIED, UNSIGNED, BAD_SIGNATURE, MISMATCH or UNPARSEABLE
 * @param then    for an answer: what it maps to ({@code SUCCEEDED}, {@code FAILED NOT_REFUNDABLE}); or null
 */
public record Example(String name, int line, Operation operation, Map<String, String> channel, Map<String, String> refund,
                      Map<String, String> inputs, String body, Map<String, String> headers, String answer,
                      String verdict, String then) {
}
