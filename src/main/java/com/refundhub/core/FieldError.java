package com.refundhub.core;

/** One broken rule of a request: the field it concerns and what is wrong with it. */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
