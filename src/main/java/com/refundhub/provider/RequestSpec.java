package com.refundhub.provider;

import java.util.Map;

/**
 * What an operation sends: the body's encoding (and its XML root element), the headers, the body's fields, the parts
 * embedded in it (a JSON text inside a form field, a signed envelope member), and how it is signed.
 *
 * <p>A field tree maps names to a {@link Template}, to a nested tree (a {@code Map}), or to a {@link PartRef}.
 */
public record RequestSpec(Encoding encoding, String contentType, String xmlRoot, Map<String, Template> headers,
                          Map<String, Object> fields, Map<String, PartSpec> parts, SignatureSpec signature) {

    /** A part of the body, written on its own in its encoding; its exact text is what a signature may cover. */
    public record PartSpec(String name, Encoding encoding, Map<String, Object> fields) {
    }

    /** Where a part goes in the tree that embeds it. */
    public record PartRef(String name) {
    }
}
