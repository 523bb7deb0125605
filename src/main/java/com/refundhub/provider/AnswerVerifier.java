package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.route.RouteProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route step: reads the provider's raw answer, checks its signature and what it is about, and leaves a
 * {@link ProviderAnswer} for the outcome step. Acts only on a call that was {@code answered} (a 2xx): a call not
 * made, or one without a usable answer, has nothing to verify.
 */
public abstract class AnswerVerifier implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerVerifier.class);

    @Override
    public final void process(Exchange exchange) {
        if (!RouteProperties.ANSWERED.isTrue(exchange)) {
            return;
        }
        String raw = exchange.getMessage().getBody(String.class);
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        Operation operation = RouteProperties.OPERATION.require(exchange);
        RefundRecord record = RouteProperties.RECORD.require(exchange);
        ProviderAnswer answer;
        if (raw == null || raw.isBlank()) {
            answer = ProviderAnswer.unparseable("empty answer");
        } else {
            try {
                answer = read(raw, channel, operation, record);
            } catch (Exception e) {
                answer = ProviderAnswer.unparseable("unreadable answer: " + e.getClass().getSimpleName());
            }
        }
        if (answer.verdict() == ProviderAnswer.Verdict.BAD_SIGNATURE || answer.verdict() == ProviderAnswer.Verdict.MISMATCH) {
            LOG.warn("{} answer from {} for refund {} not believed: {}", operation, channel.getName(),
                    record.refundId(), answer.detail());
        }
        RouteProperties.ANSWER.set(exchange, answer);
        exchange.getMessage().setBody(answer.fields());
    }

    /**
     * Parses {@code raw}, checks its signature with the channel's keys and that it concerns {@code record}.
     * Throws on anything that is not the provider's format.
     */
    protected abstract ProviderAnswer read(String raw, ChannelConfig channel, Operation operation, RefundRecord record)
            throws Exception;
}
