package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.RecordView;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RefundTransitions;
import com.refundhub.ledger.Resolutions;
import com.refundhub.route.RouteProperties;
import java.util.Iterator;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * {@code POST /refunds/{refundId}/resolution} (SPEC §8.2, role operate): an operator settles a refund in REVIEW as
 * SUCCEEDED or FAILED, with a note. 200 with the record (also for the same resolution again, which changes
 * nothing); 409 {@code NOT_IN_REVIEW} for a refund not in REVIEW; 404 for no such refund; 400 naming the field.
 */
public class ResolutionApi {
    private static final Set<String> FIELDS = Set.of("status", "note", "providerRefundId");
    private static final int MAX_NOTE = 500;
    private static final int MAX_PROVIDER_REFUND_ID = 64;

    private final Resolutions resolutions;

    public ResolutionApi(Resolutions resolutions) {
        this.resolutions = resolutions;
    }

    public void resolve(Exchange exchange) {
        Resolutions.Resolution resolution = parse(HttpApi.jsonBody(exchange, "the resolution"),
                RouteProperties.ACTOR.require(exchange));
        String refundId = exchange.getMessage().getHeader("refundId", String.class);
        Resolutions.Outcome outcome = resolutions.resolve(refundId, resolution);
        switch (outcome.result()) {
            case RESOLVED:
                HttpApi.json(exchange, 200, RecordView.of(outcome.record().orElseThrow()));
                return;
            case ALREADY_RESOLVED:
                HttpApi.json(exchange, 200, RecordView.of(outcome.record().orElseThrow()));
                return;
            case NOT_IN_REVIEW:
                throw new ApiProblem(409, "NOT_IN_REVIEW", "refund " + refundId + " is "
                        + outcome.record().orElseThrow().status() + ", not in REVIEW: only a refund in REVIEW is "
                        + "resolved by hand", null);
            default:
                throw HttpApi.notFound(refundId);
        }
    }

    /** The body: {@code status} (a status the state machine lets a person set), {@code note}, {@code providerRefundId}. */
    static Resolutions.Resolution parse(JsonNode body, String actor) {
        if (!body.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.invalid(name.replaceAll("[^A-Za-z0-9_]", "?"), "is not a field of a resolution");
            }
        }
        Set<RefundStatus> allowed = RefundTransitions.manualTargets(RefundStatus.REVIEW);
        String status = text(body, "status", true, 16);
        RefundStatus to = allowed.stream().filter(s -> s.name().equals(status)).findFirst()
                .orElseThrow(() -> ApiProblem.invalid("status", "must be one of " + allowed));
        String note = text(body, "note", true, MAX_NOTE);
        if (note.isBlank() || note.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t')) {
            throw ApiProblem.invalid("note", "must say what was found, 1-" + MAX_NOTE + " characters, line breaks "
                    + "and tabs the only control characters");
        }
        String providerRefundId = text(body, "providerRefundId", false, MAX_PROVIDER_REFUND_ID);
        if (providerRefundId != null && !providerRefundId.matches("[\\x21-\\x7E]+")) {
            throw ApiProblem.invalid("providerRefundId", "must be printable ASCII without spaces");
        }
        return new Resolutions.Resolution(to, note, providerRefundId, actor);
    }

    private static String text(JsonNode body, String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiProblem.invalid(field, "is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw ApiProblem.invalid(field, "must be a string of 1-" + max + " characters");
        }
        return v.asText();
    }
}
