package com.refundhub.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of SPEC §1, each reported on its field. */
public final class RequestValidator {
    private static final Pattern REFUND_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    /** printable ASCII without spaces: what every provider's order number field takes */
    private static final Pattern ORDER_ID = Pattern.compile("[\\x21-\\x7E]{1,32}");
    private static final Pattern NO_CONTROL = Pattern.compile("[^\\p{Cc}\\p{Cs}\\uFFFD]*");
    /** a reason may run over lines (a quoted CSV cell), but holds no other control character */
    private static final Pattern TEXT_WITH_LINES = Pattern.compile("[\\t\\r\\n[^\\p{Cc}\\p{Cs}\\uFFFD]]*");

    private final ChannelRules.Directory channels;

    public RequestValidator(ChannelRules.Directory channels) {
        this.channels = channels;
    }

    public void validate(RefundRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.refundId() == null) {
            errors.add(new FieldError("refundId", "is required"));
        } else if (!REFUND_ID.matcher(r.refundId()).matches()) {
            errors.add(new FieldError("refundId", "must be 1-32 characters of A-Z, a-z, 0-9, _ or -"));
        }
        if (r.orderId() == null) {
            errors.add(new FieldError("orderId", "is required"));
        } else if (!ORDER_ID.matcher(r.orderId()).matches()) {
            errors.add(new FieldError("orderId", "must be 1-32 printable ASCII characters without spaces"));
        }
        Optional<ChannelRules> rules = Optional.empty();
        boolean unknownChannel = false;
        if (r.channel() == null) {
            errors.add(new FieldError("channel", "is required"));
        } else {
            rules = channels.find(r.channel());
            if (rules.isEmpty()) {
                unknownChannel = true;
                errors.add(new FieldError("channel", "is not a configured channel"));
            }
        }
        if (r.amount() != null && r.amount() <= 0) {
            errors.add(new FieldError("amount", "must be greater than 0"));
        }
        if (rules.isPresent() && rules.get().amountRequired() && r.amount() == null) {
            errors.add(new FieldError("amount", "is required for " + rules.get().type() + " refunds"));
        }
        if (rules.isPresent() && rules.get().orderAmountRequired() && r.orderAmount() == null) {
            errors.add(new FieldError("orderAmount", "is required for " + rules.get().type()
                    + " refunds: the provider wants the payment's amount"));
        }
        if (r.amount() != null && r.amount() > 0 && r.currency() != null && rules.isPresent()
                && rules.get().currencies().contains(r.currency())) {
            rules.get().amountCheck().problem(r.amount(), r.currency())
                    .ifPresent(why -> errors.add(new FieldError("amount", why)));
        }
        if (r.amount() != null && r.currency() == null) {
            errors.add(new FieldError("currency", "is required with amount"));
        }
        if (r.currency() != null) {
            if (!Money.isKnownCurrency(r.currency())) {
                errors.add(new FieldError("currency", "must be an ISO 4217 code the hub knows"));
            } else if (rules.isPresent() && !rules.get().currencies().contains(r.currency())) {
                errors.add(new FieldError("currency", "is not accepted by channel " + r.channel()
                        + " (accepts " + String.join(", ", new java.util.TreeSet<>(rules.get().currencies())) + ")"));
            }
        }
        if (r.orderAmount() != null) {
            if (r.orderAmount() <= 0) {
                errors.add(new FieldError("orderAmount", "must be greater than 0"));
            } else if (r.amount() != null && r.amount() > r.orderAmount()) {
                errors.add(new FieldError("amount", "must not exceed orderAmount"));
            }
        }
        optionalText(errors, "reason", r.reason(), 128, TEXT_WITH_LINES);
        optionalText(errors, "operatorId", r.operatorId(), 20, NO_CONTROL);
        optionalText(errors, "terminalNo", r.terminalNo(), 20, NO_CONTROL);
        if (!errors.isEmpty()) {
            ReasonCode code = unknownChannel && errors.size() == 1 ? ReasonCode.UNKNOWN_CHANNEL : ReasonCode.INVALID_REQUEST;
            throw new RefundRefusedException(code, errors);
        }
    }

    private static void optionalText(List<FieldError> errors, String field, String value, int max, Pattern allowed) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (!allowed.matcher(value).matches()) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }
}
