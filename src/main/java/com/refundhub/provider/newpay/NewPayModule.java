package com.refundhub.provider.newpay;

import com.refundhub.config.ChannelConfig;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** NewPay (Laos): partial refunds in LAK or USD, SHA256withRSA signatures with PEM keys. */
public class NewPayModule implements ProviderModule {
    @Override
    public String type() {
        return "newpay";
    }

    @Override
    public Set<String> defaultCurrencies() {
        return Set.of("LAK", "USD");
    }

    @Override
    public String defaultRefundPath() {
        return "/api/open/converge/pay/v1/refund";
    }

    @Override
    public String defaultInquiryPath() {
        return "/api/open/converge/pay/v1/refund/query";   // not in our documents: configurable
    }

    @Override
    public List<String> channelKeys() {
        return List.of("app-id", "merchant-id", "private-key", "public-key");
    }

    @Override
    public boolean amountRequired() {
        return true;
    }

    @Override
    public Optional<String> amountProblem(long minor, String currency) {
        return NewPayAmounts.problem(minor, currency);
    }

    /** A missing or unreadable key stops the hub at start-up, naming the channel and the key. */
    @Override
    public void checkChannel(ChannelConfig channel) {
        ProviderModule.super.checkChannel(channel);
        for (String key : List.of("private-key", "public-key")) {
            String location = channel.requireSetting(key);
            try {
                if (key.equals("private-key")) {
                    PemKeys.privateKey(location);
                } else {
                    PemKeys.publicKey(location);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("refundhub.channels." + channel.getName() + "." + key + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Map<String, Object> routeBeans(ProviderContext context) {
        return Map.of("newpayRequests", new NewPayRequests(), "newpaySigner", new NewPaySigner(),
                "newpayVerifier", new NewPayVerifier());
    }
}
