package com.refundhub.provider.signing;

import java.util.List;
import java.util.Optional;

/**
 * A generic way of signing, parameterised by a descriptor (SPEC §10): the hub's Java code for signatures, which no
 * provider has to write. A recipe turns the string to sign ({@link StringToSign}: sorted fields or the exact text of a
 * part, with the text a provider appends) into a signature with the algorithm and keys of {@link Keys}, and checks a
 * signature the same way. Each is proven by known answers computed outside the hub.
 */
public interface SigningRecipe {

    /** The name a descriptor uses: {@code sorted-fields}, {@code rsa}, {@code text-digest}. */
    String name();

    /** The algorithms it allows, normalised ({@link #normalise}): e.g. MD5, SHA256, HMACSHA256. */
    List<String> algorithms();

    /** The algorithm when the descriptor names none. */
    String defaultAlgorithm();

    /** Whether it signs sorted fields, exact text, or either. */
    Input input();

    enum Input { FIELDS, TEXT, EITHER }

    String sign(String stringToSign, Keys keys);

    boolean verify(String stringToSign, String signature, Keys keys);

    /** The recipes of the hub, by name. */
    List<SigningRecipe> ALL = List.of(new SortedFieldsRecipe(), new RsaRecipe(), new TextDigestRecipe());

    static Optional<SigningRecipe> named(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** An algorithm's name as compared: upper case without dashes, underscores or spaces ({@code HMAC-SHA256} → HMACSHA256). */
    static String normalise(String algorithm) {
        return algorithm == null ? null : algorithm.toUpperCase().replaceAll("[-_ ]", "");
    }
}
