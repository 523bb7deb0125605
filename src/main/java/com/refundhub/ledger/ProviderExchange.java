package com.refundhub.ledger;

import java.time.OffsetDateTime;

/** One request/answer with a provider, as recorded (signatures already masked). */
public record ProviderExchange(String operation, String url, String requestBody, Integer httpStatus,
                               String responseBody, String error, Long latencyMs, OffsetDateTime at) {
}
