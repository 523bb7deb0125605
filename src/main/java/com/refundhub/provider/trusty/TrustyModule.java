package com.refundhub.provider.trusty;

import com.refundhub.config.Setting;
import com.refundhub.config.Types;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trusty Pay (Myanmar): full refunds only, MD5 or HMAC-SHA256 signatures, MMK. */
public class TrustyModule implements ProviderModule {
    static final Setting<String> APP_ID = Setting.required("app-id", Types.TEXT, "the merchant's app_id at Trusty");
    static final Setting<String> MCHNT_ID = Setting.required("mchnt-id", Types.TEXT, "the merchant's mchnt_id");
    static final Setting<String> KEY = Setting.required("key", Types.TEXT, "the signing key Trusty gave the merchant")
            .secret();
    static final Setting<TrustySignature.Type> SIGN_TYPE = Setting.of("sign-type",
            Types.oneOf(TrustySignature.Type.class), "MD5", "how requests are signed and answers checked");

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
    public List<Setting<?>> channelSettings() {
        return List.of(APP_ID, MCHNT_ID, KEY, SIGN_TYPE);
    }

    @Override
    public boolean amountRequired() {
        return false;   // Trusty's refund API takes no amount: it refunds the whole payment
    }

    @Override
    public Map<String, Object> routeBeans(ProviderContext context) {
        return Map.of("trustyRequests", new TrustyRequests(), "trustySigner", new TrustySigner(),
                "trustyVerifier", new TrustyVerifier());
    }
}
