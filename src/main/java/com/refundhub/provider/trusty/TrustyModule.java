package com.refundhub.provider.trusty;

import com.refundhub.config.ChannelConfig;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trusty Pay (Myanmar): full refunds only, MD5 or HMAC-SHA256 signatures, MMK. */
public class TrustyModule implements ProviderModule {
    @Override
    public String type() {
        return "trusty";
    }

    @Override
    public Set<String> defaultCurrencies() {
        return Set.of("MMK");
    }

    @Override
    public String defaultRefundPath() {
        return "/openapi/v1/trusty/refund";
    }

    @Override
    public String defaultInquiryPath() {
        return "/openapi/v1/trusty/query";
    }

    @Override
    public List<String> channelKeys() {
        return List.of("app-id", "mchnt-id", "key", "sign-type");
    }

    @Override
    public List<String> requiredKeys() {
        return List.of("app-id", "mchnt-id", "key");
    }

    @Override
    public boolean amountRequired() {
        return false;   // Trusty's refund API takes no amount: it refunds the whole payment
    }

    @Override
    public void checkChannel(ChannelConfig channel) {
        ProviderModule.super.checkChannel(channel);
        TrustySignature.Type.of(channel.setting("sign-type"));
    }

    @Override
    public Map<String, Object> routeBeans(ProviderContext context) {
        return Map.of("trustyRequests", new TrustyRequests(), "trustySigner", new TrustySigner(),
                "trustyVerifier", new TrustyVerifier());
    }
}
