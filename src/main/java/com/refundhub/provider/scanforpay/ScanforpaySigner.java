package com.refundhub.provider.scanforpay;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.provider.RequestSigner;
import java.util.Map;

/** Serialises the {@code request} once; those exact characters are both signed and sent. */
public class ScanforpaySigner extends RequestSigner {
    @Override
    protected String signedBody(Map<String, Object> request, ChannelConfig channel) {
        return ScanforpayEnvelope.wrap("request", Json.write(request), channel.requireSetting("key"));
    }
}
