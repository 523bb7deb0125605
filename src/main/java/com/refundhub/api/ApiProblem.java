package com.refundhub.api;

import com.refundhub.core.FieldError;
import java.util.List;

/** An HTTP error to answer as {@code application/problem+json}. */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> errors;

    public ApiProblem(int status, String code, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiProblem(int status, String detail) {
        this(status, null, detail, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
