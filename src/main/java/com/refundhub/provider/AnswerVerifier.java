package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route step: reads the provider's raw answer, checks its signature and what it is about, and leaves a
 * {@link ProviderAnswer} for the outcome step. Does nothing when the call got no answer at all.
 */
public abstract class AnswerVerifier implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerVerifier.class);

    @Override
    public final void process(Exchange exchange) {
        if (exchange.getProperty(Exchanges.OUTCOME) != null || exchange.getProperty("skipped", false, Boolean.class)) {
            return;
        }
        String raw = exchange.getMessage().getBody(String.class);
        ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
        Operation operation = exchange.getProperty(Exchanges.OPERATION, Operation.class);
        RefundRecord record = exchange.getProperty(Exchanges.RECORD, RefundRecord.class);
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
        exchange.setProperty(Exchanges.ANSWER, answer);
        exchange.getMessage().setBody(answer.fields());
    }

    /**
     * Parses {@code raw}, checks its signature with the channel's keys and that it concerns {@code record}.
     * Throws on anything that is not the provider's format.
     */
    protected abstract ProviderAnswer read(String raw, ChannelConfig channel, Operation operation, RefundRecord record)
            throws Exception;
}
