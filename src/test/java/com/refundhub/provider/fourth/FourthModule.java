package com.refundhub.provider.fourth;

import com.refundhub.config.Setting;
import com.refundhub.config.Types;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Fourth": a made-up provider that exists in test sources only, to show that a provider gets the whole contract
 * suite by registering (META-INF/services in src/test/resources) and nothing else. Partial refunds in EUR, flat JSON
 * in a {@code msg} envelope, HMAC-SHA256 over the exact text of {@code msg} both ways ({@link FourthMac}).
 */
public class FourthModule implements ProviderModule {
    /** the most Fourth refunds in one call, in minor units */
    static final long MAX_REFUND = 100_000_000L;
    static final Setting<String> MERCHANT = Setting.required("merchant", Types.TEXT, "the merchant's number at Fourth");
    static final Setting<String> KEY = Setting.required("key", Types.TEXT, "the HMAC key Fourth gave the merchant").secret();

    @Override
    public String type() {
        return "fourth";
    }

    @Override
    public Set<String> defaultCurrencies() {
        return Set.of("EUR");
    }

    @Override
    public String defaultRefundPath() {
        return "/v0/refunds";
    }

    @Override
    public String defaultInquiryPath() {
        return "/v0/refunds/query";
    }

    @Override
    public List<Setting<?>> channelSettings() {
        return List.of(MERCHANT, KEY);
    }

    @Override
    public boolean amountRequired() {
        return true;
    }

    @Override
    public Optional<String> amountProblem(long minor, String currency) {
        return minor > MAX_REFUND ? Optional.of("Fourth refunds at most " + MAX_REFUND + " minor units at once") : Optional.empty();
    }

    @Override
    public Map<String, Object> routeBeans(ProviderContext context) {
        return Map.of("fourthRequests", new FourthRequests(), "fourthSigner", new FourthSigner(),
                "fourthVerifier", new FourthVerifier());
    }
}
