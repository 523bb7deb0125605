package com.refundhub.provider.newpay;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.RequestSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs a NewPay request with the merchant's private key. */
public class NewPaySigner extends RequestSigner {
    @Override
    protected String signedBody(Map<String, Object> fields, ChannelConfig channel) {
        Map<String, Object> signed = new LinkedHashMap<>(fields);
        signed.put("sign", NewPaySignature.sign(fields, PemKeys.privateKey(channel.requireSetting("private-key"))));
        return Json.write(signed);
    }
}
