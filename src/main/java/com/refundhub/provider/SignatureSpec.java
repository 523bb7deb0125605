package com.refundhub.provider;

import java.util.List;

/**
 * How a request or an answer is signed: by which recipe, over what, with which parameters, and where the signature is.
 *
 * @param recipe     {@code sorted-fields}, {@code rsa} or {@code text-digest} (see {@code provider.signing})
 * @param fields     the object whose fields are signed, sorted by name ({@code .} for the whole body); or null
 * @param text       the part (a member of the body) whose exact text is signed; or null
 * @param skipEmpty  leave empty values out of sorted fields (nulls always are)
 * @param exclude    more fields left out of the sorted fields (the signature's own always is)
 * @param append     text added to the string to sign, e.g. {@code &key=${setting.key}}; or null
 * @param digest     MD5, SHA-256 or HMAC-SHA256 (sorted-fields, text-digest); SHA256withRSA or SHA1withRSA (rsa)
 * @param key        the HMAC key; or null
 * @param upperCase  hex in upper case (digests)
 * @param privateKey the PEM file that signs (rsa); or null
 * @param publicKey  the PEM file that checks (rsa); or null
 * @param at         where the signature goes: a field path of the body, or {@code header:NAME}
 */
public record SignatureSpec(String recipe, String fields, String text, boolean skipEmpty, List<String> exclude,
                            Template append, Template digest, Template key, boolean upperCase, Template privateKey,
                            Template publicKey, String at) {

    public boolean inHeader() {
        return at.startsWith("header:");
    }

    public String header() {
        return at.substring("header:".length());
    }
}
