package com.refundhub.provider.contract;

import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.route.RouteProperties;
import com.refundhub.provider.ProviderAnswer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;

/**
 * What the provider routes read from the providers' answers (verdict and outcome-table key) before the outcome step,
 * by refund: woven into each provider route just before its {@code direct:outcome}, so a test can tell which row
 * of the table an answer was looked up by, not only what the refund ended as.
 */
final class AnswerLog {
    record Seen(Operation operation, ProviderAnswer.Verdict verdict, String key) {
    }

    private final Map<String, List<Seen>> byRefund = new ConcurrentHashMap<>();

    /** Weaves the log into the routes {@code direct:TYPE} of the given provider types. */
    static AnswerLog weaveInto(CamelContext context, List<String> types) throws Exception {
        AnswerLog log = new AnswerLog();
        for (String type : types) {
            if (context.getRoute(type) == null) {
                throw new AssertionError("provider " + type + " has no route " + type + " (direct:" + type + ")");
            }
            AdviceWith.adviceWith(context, type, a -> a.weaveByToUri("direct:outcome").before().process(log::record));
        }
        return log;
    }

    private void record(Exchange exchange) {
        ProviderAnswer answer = RouteProperties.ANSWER.get(exchange);
        RefundRecord record = RouteProperties.RECORD.get(exchange);
        if (answer != null && record != null) {
            byRefund.computeIfAbsent(record.refundId(), k -> new CopyOnWriteArrayList<>())
                    .add(new Seen(RouteProperties.OPERATION.get(exchange), answer.verdict(), answer.key()));
        }
    }

    /** The first answer of this kind about the refund, if one came yet. */
    Optional<Seen> first(String refundId, Operation operation) {
        return byRefund.getOrDefault(refundId, List.of()).stream().filter(s -> s.operation() == operation).findFirst();
    }
}
