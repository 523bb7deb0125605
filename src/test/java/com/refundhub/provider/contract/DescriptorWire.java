package com.refundhub.provider.contract;

import com.refundhub.Fixtures;
import com.refundhub.Providers;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.flow.OutcomeFacts;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.WireInputs;

/** {@link GoldenWire} over the provider descriptors and the hub's one engine ({@link ProviderWire}). */
final class DescriptorWire implements GoldenWire {

    @Override
    public Sent request(String type, java.util.Map<String, String> settings, Operation operation, RefundRecord record,
                        WireInputs inputs) {
        Descriptor d = Providers.descriptor(type);
        ChannelConfig channel = Fixtures.channel(type, d.rules().currencies(), settings);
        String path = d.operation(operation).path().source();
        ProviderWire.Draft draft = ProviderWire.build(d, operation, record, channel, path, inputs);
        ProviderWire.WireRequest w = ProviderWire.sign(draft, () -> ProviderWire.signingKeys(
                d.operation(operation).request().signature(), draft.scope()));
        return new Sent(w.method(), w.path(), w.headers(), w.body());
    }

    @Override
    public Read answer(String type, java.util.Map<String, String> settings, Operation operation, RefundRecord record,
                       OrderTotals totals, String text) {
        Descriptor d = Providers.descriptor(type);
        ChannelConfig channel = Fixtures.channel(type, d.rules().currencies(), settings);
        ProviderAnswer a = ProviderWire.read(d, operation, text, record,
                ProviderWire.scope(d, record, channel::setting, WireInputs.SYSTEM),
                () -> new OrderRefunds(totals.succeeded(), totals.open()));
        ProviderOutcome o = OutcomeFacts.map(a);
        boolean actedOn = a.verdict() == ProviderAnswer.Verdict.VERIFIED || a.verdict() == ProviderAnswer.Verdict.UNSIGNED;
        return new Read(a.verdict().name(), actedOn ? a.key() : null, o.kind().name(),
                o.code() == null ? null : o.code().name(), o.providerCode(), o.providerMessage(), o.providerRefundId());
    }
}
