package com.refundhub.provider.contract;

import com.refundhub.Fixtures;
import com.refundhub.Providers;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.flow.OutcomeFacts;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.AnswerVerifier;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OutcomeTable;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderModule;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.RequestBuilder;
import com.refundhub.provider.RequestSigner;
import com.refundhub.provider.WireInputs;
import com.refundhub.route.RouteProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** {@link GoldenWire} over the provider modules: their route beans, the headers their route files set, their tables. */
final class ModuleWire implements GoldenWire {
    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final Pattern SET_HEADER = Pattern.compile("setHeader:\\s*\\n\\s*name:\\s*(\\S+)\\s*\\n\\s*constant:\\s*\"?([^\"\\n]*)\"?");

    @Override
    public Sent request(String type, Map<String, String> settings, Operation operation, RefundRecord record,
                        WireInputs inputs) throws Exception {
        ProviderModule module = Providers.module(type);
        Map<String, Object> beans = module.routeBeans((c, o, e) -> new OrderTotals(0, 0));
        RequestBuilder builder = beans.values().stream().filter(RequestBuilder.class::isInstance)
                .map(RequestBuilder.class::cast).findFirst().orElseThrow().withInputs(inputs);
        RequestSigner signer = beans.values().stream().filter(RequestSigner.class::isInstance)
                .map(RequestSigner.class::cast).findFirst().orElseThrow();
        ChannelConfig channel = Fixtures.channel(type, module.defaultCurrencies(), settings);
        Exchange x = new DefaultExchange(CAMEL);
        RouteProperties.RECORD.set(x, record);
        RouteProperties.CHANNEL.set(x, channel);
        RouteProperties.OPERATION.set(x, operation);
        builder.process(x);
        signer.process(x);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", x.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        Path route = Path.of("routes/providers/" + type + ".camel.yaml");
        if (!Files.exists(route)) {
            route = Path.of("src/test/resources/test-routes/" + type + ".camel.yaml");
        }
        Matcher m = SET_HEADER.matcher(Files.readString(route));
        while (m.find()) {
            headers.put(m.group(1), m.group(2));
        }
        String path = operation == Operation.REFUND ? module.defaultRefundPath() : module.defaultInquiryPath();
        return new Sent("POST", path, headers, x.getMessage().getBody(String.class));
    }

    @Override
    public Read answer(String type, Map<String, String> settings, Operation operation, RefundRecord record,
                       OrderTotals totals, String text) throws Exception {
        ProviderModule module = Providers.module(type);
        Map<String, Object> beans = module.routeBeans((c, o, e) -> totals);
        AnswerVerifier verifier = beans.values().stream().filter(AnswerVerifier.class::isInstance)
                .map(AnswerVerifier.class::cast).findFirst().orElseThrow();
        Exchange x = new DefaultExchange(CAMEL);
        x.getMessage().setBody(text);
        RouteProperties.CHANNEL.set(x, Fixtures.channel(type, module.defaultCurrencies(), settings));
        RouteProperties.OPERATION.set(x, operation);
        RouteProperties.RECORD.set(x, record);
        RouteProperties.ANSWERED.set(x, true);
        verifier.process(x);
        ProviderAnswer a = RouteProperties.ANSWER.get(x);
        ProviderOutcome o = OutcomeFacts.map(OutcomeTable.load(module.getClass(), type, null), operation, a);
        boolean actedOn = a.verdict() == ProviderAnswer.Verdict.VERIFIED || a.verdict() == ProviderAnswer.Verdict.UNSIGNED;
        String row = actedOn ? new OutcomeRows(module).landsOn(operation, a.key()) : null;
        return new Read(a.verdict().name(), row, o.kind().name(), o.code() == null ? null : o.code().name(),
                o.providerCode(), o.providerMessage(), o.providerRefundId());
    }
}
