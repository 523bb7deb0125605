package com.refundhub.api;

import com.refundhub.core.FieldError;
import com.refundhub.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * An HTTP error, answered as {@code application/problem+json} (RFC 9457, SPEC §8.7): {@code type}, {@code title},
 * {@code status}, {@code code}, {@code detail} and, for invalid fields, {@code errors[]} — never a stack trace or
 * a class name. Every problem has a code: the refund's canonical one where it applies, else one per status.
 */
public class ApiProblem extends RuntimeException {
    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Integer retryAfter;

    public ApiProblem(int status, String code, String detail, List<FieldError> errors) {
        this(status, code, detail, errors, null);
    }

    private ApiProblem(int status, String code, String detail, List<FieldError> errors, Integer retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code == null ? codeOf(status) : code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 503 for a while: the same request again after {@code seconds} (header {@code Retry-After}) may go through. */
    public static ApiProblem unavailable(String code, String detail, int seconds) {
        return new ApiProblem(503, code, detail, null, seconds);
    }

    /** Seconds after which the same request may go through (header {@code Retry-After}), or null. */
    public Integer retryAfter() {
        return retryAfter;
    }

    public ApiProblem(int status, String detail) {
        this(status, null, detail, null);
    }

    /** A problem naming one field: 400, INVALID_REQUEST. */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(400, "INVALID_REQUEST", field + " " + message, List.of(new FieldError(field, message)));
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

    /** The answer's body. */
    public String toJson() {
        return toJson(Map.of());
    }

    /** The answer's body with extension members (RFC 9457 §3.2), e.g. the checks of a failing health check. */
    public String toJson(Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("code", code);
        body.put("detail", getMessage());
        if (!errors.isEmpty()) {
            body.put("errors", errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        }
        body.putAll(extensions);
        return Json.write(body);
    }

    /** Answers the exchange with this problem and extension members (RFC 9457 §3.2), e.g. the checks of a health check. */
    public void answer(Exchange exchange, Map<String, Object> extensions) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setBody(toJson(extensions));
        out.setHeader(Exchange.CONTENT_TYPE, MEDIA_TYPE);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (retryAfter != null) {
            out.setHeader("Retry-After", String.valueOf(retryAfter));
        }
    }

    static String title(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 413: return "Content Too Large";
            case 414: return "URI Too Long";
            case 415: return "Unsupported Media Type";
            case 431: return "Request Header Fields Too Large";
            case 503: return "Service Unavailable";
            default: return status >= 500 ? "Internal Server Error" : "Client Error";
        }
    }

    /** The code of a problem that has no more specific one. */
    static String codeOf(int status) {
        switch (status) {
            case 400: return "INVALID_REQUEST";
            case 401: return "UNAUTHORIZED";
            case 403: return "FORBIDDEN";
            case 404: return "NOT_FOUND";
            case 405: return "METHOD_NOT_ALLOWED";
            case 409: return "CONFLICT";
            case 413: return "PAYLOAD_TOO_LARGE";
            case 414: return "URI_TOO_LONG";
            case 415: return "UNSUPPORTED_MEDIA_TYPE";
            case 431: return "HEADERS_TOO_LARGE";
            case 503: return "UNAVAILABLE";
            default: return status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        }
    }
}
