package com.refundhub.jms;

import com.refundhub.core.FieldError;
import com.refundhub.core.Json;
import com.refundhub.core.RecordView;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RequestParser;
import com.refundhub.core.Utf8;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.route.RouteProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMS intake's steps (route {@code intake-jms}): a message is canonical JSON text; it is accepted like an
 * HTTP request, inside the JMS transaction, so a crash before the refund is recorded leaves it on the queue.
 * What cannot be accepted goes to {@code refunds.requests.DLQ} with the reason in {@code RefundHubError}.
 */
public class JmsIntake {
    private static final Logger LOG = LoggerFactory.getLogger(JmsIntake.class);
    public static final String ERROR_PROPERTY = "RefundHubError";
    public static final String ERROR_CODE_PROPERTY = "RefundHubErrorCode";
    private static final int MAX_TEXT = 1 << 20;

    private final RefundQueries queries;

    public JmsIntake(RefundQueries queries) {
        this.queries = queries;
    }

    /** Message → canonical request; the original text is kept for the DLQ. */
    public void parse(Exchange exchange) {
        Message in = exchange.getMessage();
        Object raw = in.getBody();
        RouteProperties.JMS_ORIGINAL.set(exchange, raw);   // what goes to the DLQ, as it came
        String text = raw instanceof byte[] bytes ? Utf8.decode(bytes, "body") : in.getBody(String.class);
        RouteProperties.INTAKE.set(exchange, "JMS");
        RouteProperties.ACTOR.set(exchange, "jms");
        if (text == null || text.isBlank()) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, "body", "is empty: send the refund as JSON text");
        }
        if (text.length() > MAX_TEXT) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, "body", "is larger than " + MAX_TEXT + " characters");
        }
        in.setBody(RequestParser.fromJson(RequestParser.parseJson(text, "body")));
    }

    /** After accept: the record (the reply, when the request named a JMSReplyTo). */
    public void accepted(Exchange exchange) {
        String id = RouteProperties.REFUND_ID.require(exchange);
        exchange.getMessage().setBody(Json.write(RecordView.of(queries.find(id, true).orElseThrow())));
    }

    /** A refusal: the original text to the DLQ with the reason; the reply (if any) says why too. */
    public void refused(Exchange exchange) {
        RefundRefusedException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RefundRefusedException.class);
        String reason = e.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
        LOG.warn("JMS refund request refused ({}): {}", e.code(), reason);
        Message m = exchange.getMessage();
        m.setBody(RouteProperties.JMS_ORIGINAL.get(exchange));
        m.setHeader(ERROR_PROPERTY, e.code() + ": " + reason);
        m.setHeader(ERROR_CODE_PROPERTY, e.code().name());
    }

    /** The reply to a refused request. */
    public void refusalReply(Exchange exchange) {
        Message m = exchange.getMessage();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "REJECTED");
        body.put("code", m.getHeader(ERROR_CODE_PROPERTY));
        body.put("detail", m.getHeader(ERROR_PROPERTY));
        m.setBody(Json.write(body));
    }
}
