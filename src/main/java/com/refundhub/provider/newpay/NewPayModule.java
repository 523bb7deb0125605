package com.refundhub.provider.newpay;

import com.refundhub.config.Setting;
import com.refundhub.config.Types;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** NewPay (Laos): partial refunds in LAK or USD, SHA256withRSA signatures with PEM keys. */
public class NewPayModule implements ProviderModule {
    static final Setting<String> APP_ID = Setting.required("app-id", Types.TEXT, "the merchant's appId at NewPay");
    static final Setting<String> MERCHANT_ID = Setting.required("merchant-id", Types.TEXT, "the merchant's merchantId");
    static final Setting<String> PRIVATE_KEY = Setting.required("private-key", PemKeys.PRIVATE_KEY_FILE,
            "the merchant's private key (PKCS#8 PEM file) that signs requests; the file, not the key, is configured");
    static final Setting<String> PUBLIC_KEY = Setting.required("public-key", PemKeys.PUBLIC_KEY_FILE,
            "NewPay's public key (X.509 PEM file) that checks its answers");

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
    public List<Setting<?>> channelSettings() {
        return List.of(APP_ID, MERCHANT_ID, PRIVATE_KEY, PUBLIC_KEY);
    }

    @Override
    public boolean amountRequired() {
        return true;
    }

    @Override
    public Optional<String> amountProblem(long minor, String currency) {
        return NewPayAmounts.problem(minor, currency);
    }

    @Override
    public Map<String, Object> routeBeans(ProviderContext context) {
        return Map.of("newpayRequests", new NewPayRequests(), "newpaySigner", new NewPaySigner(),
                "newpayVerifier", new NewPayVerifier());
    }
}
