package com.refundhub.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.refundhub.core.Json;
import java.io.IOException;

/**
 * The exact text of a top-level JSON value as it stands in a document, for signatures computed over the
 * bytes sent rather than over a re-serialisation (a provider that signs the {@code request}/{@code response} text).
 */
public final class JsonText {
    private JsonText() {
    }

    /** The text of the object under top-level field {@code name}; throws when the document has none. */
    public static String objectText(String document, String name) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(document)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(name) && value == JsonToken.START_OBJECT) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int end = (int) p.currentTokenLocation().getCharOffset() + 1;
                    return document.substring(start, end);
                }
                p.skipChildren();
            }
        }
        throw new IOException("no object '" + name + "' at the top level");
    }
}
