package com.refundhub.provider.scanforpay;

import com.refundhub.config.Setting;
import com.refundhub.config.Types;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** scanforpay (Japan): partial refunds in JPY, a signed request/response envelope. */
public class ScanforpayModule implements ProviderModule {
    static final Setting<String> PARTNER_NO = Setting.required("partner-no", Types.TEXT, "the merchant's partnerNo");
    static final Setting<String> KEY = Setting.required("key", Types.TEXT, "the signing key scanforpay gave the merchant")
            .secret();

    @Override
    public String type() {
        return "scanforpay";
    }

    @Override
    public Set<String> defaultCurrencies() {
        return Set.of("JPY");
    }

    @Override
    public String defaultRefundPath() {
        return "/api/common/refund";
    }

    @Override
    public String defaultInquiryPath() {
        return "/api/common/payQuery";
    }

    @Override
    public List<Setting<?>> channelSettings() {
        return List.of(PARTNER_NO, KEY);
    }

    @Override
    public boolean amountRequired() {
        return true;
    }

    @Override
    public Map<String, Object> routeBeans(ProviderContext context) {
        return Map.of("scanforpayRequests", new ScanforpayRequests(), "scanforpaySigner", new ScanforpaySigner(),
                "scanforpayVerifier", new ScanforpayVerifier(context));
    }
}
