package com.refundhub.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON object (HTTP, JMS, JSONL) or a CSV row into a {@link RefundRequest}, reporting every field
 * of the wrong type by name. Rules on values are checked afterwards by {@link RequestValidator}.
 */
public final class RequestParser {
    public static final List<String> FIELDS = List.of("refundId", "orderId", "channel", "amount", "currency",
            "orderAmount", "reason", "operatorId", "terminalNo", "metadata");
    private static final Set<String> KNOWN = Set.copyOf(FIELDS);
    private static final int MAX_METADATA_CHARS = 4096;
    /** a text field longer than this is refused before any rule looks at it */
    private static final int MAX_TEXT_CHARS = 1024;

    private RequestParser() {
    }

    /** Parses one JSON document, refusing what is not JSON (or too deep, too large) as an error of {@code field}. */
    public static JsonNode parseJson(String text, String field) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, field, "is nested too deeply or too large to be a refund");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, field, "is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    public static RefundRequest fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, "body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KNOWN.contains(name)) {
                errors.add(new FieldError(safeName(name), "unknown field"));
            }
        }
        RefundRequest r = new RefundRequest(text(node, "refundId", errors), text(node, "orderId", errors),
                text(node, "channel", errors), integer(node, "amount", errors), text(node, "currency", errors),
                integer(node, "orderAmount", errors), text(node, "reason", errors), text(node, "operatorId", errors),
                text(node, "terminalNo", errors), metadata(node, errors));
        if (!errors.isEmpty()) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, errors);
        }
        return r;
    }

    /** A CSV row: header name → cell text. Empty cells are absent fields; {@code metadata} is not available. */
    public static RefundRequest fromStrings(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : row.keySet()) {
            if (!KNOWN.contains(name) || "metadata".equals(name)) {
                errors.add(new FieldError(safeName(name), "metadata".equals(name) ? "not available in CSV files" : "unknown field"));
            }
        }
        RefundRequest r = new RefundRequest(cell(row, "refundId", errors), cell(row, "orderId", errors),
                cell(row, "channel", errors), digits(row, "amount", errors), cell(row, "currency", errors),
                digits(row, "orderAmount", errors), cell(row, "reason", errors), cell(row, "operatorId", errors),
                cell(row, "terminalNo", errors), null);
        if (!errors.isEmpty()) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, errors);
        }
        return r;
    }

    private static String text(JsonNode node, String field, List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return bounded(field, v.asText(), errors);
    }

    private static Long integer(JsonNode node, String field, List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(new FieldError(field, v.isNumber() ? "must be a whole number of minor units" : "must be an integer"));
            return null;
        }
        return v.asLong();
    }

    private static JsonNode metadata(JsonNode node, List<FieldError> errors) {
        JsonNode v = node.get("metadata");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            errors.add(new FieldError("metadata", "must be a JSON object"));
            return null;
        }
        if (Json.write(v).length() > MAX_METADATA_CHARS) {
            errors.add(new FieldError("metadata", "must be at most " + MAX_METADATA_CHARS + " characters of JSON"));
            return null;
        }
        return v;
    }

    private static String cell(Map<String, String> row, String field, List<FieldError> errors) {
        String v = row.get(field);
        return v == null || v.isEmpty() ? null : bounded(field, v, errors);
    }

    private static Long digits(Map<String, String> row, String field, List<FieldError> errors) {
        String v = row.get(field);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (!v.matches("-?[0-9]{1,18}")) {
            errors.add(new FieldError(field, "must be an integer (minor units)"));
            return null;
        }
        return Long.parseLong(v);
    }

    private static String bounded(String field, String value, List<FieldError> errors) {
        if (value.length() > MAX_TEXT_CHARS) {
            errors.add(new FieldError(field, "is far too long (" + value.length() + " characters)"));
            return null;
        }
        return value;
    }

    /** Field names from the outside are echoed in errors: keep them short and printable. */
    private static String safeName(String name) {
        String printable = name.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
