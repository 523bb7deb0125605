package com.refundhub.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The hub refuses a request before anything is sent: invalid fields, unknown channel, a conflicting
 * duplicate, an amount past what is left of the order. Carries the canonical code and the field errors.
 */
public class RefundRefusedException extends RuntimeException {
    private final ReasonCode code;
    private final List<FieldError> errors;

    public RefundRefusedException(ReasonCode code, List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public RefundRefusedException(ReasonCode code, String field, String message) {
        this(code, List.of(new FieldError(field, message)));
    }

    public ReasonCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
