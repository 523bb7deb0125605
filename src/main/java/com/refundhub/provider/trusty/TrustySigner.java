package com.refundhub.provider.trusty;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.provider.RequestSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs a Trusty request with the channel's key and sign type. */
public class TrustySigner extends RequestSigner {
    @Override
    protected String signedBody(Map<String, Object> fields, ChannelConfig channel) {
        Map<String, Object> signed = new LinkedHashMap<>(fields);
        signed.put("sign", TrustySignature.sign(fields, channel.requireSetting("key"),
                TrustySignature.Type.of(channel.setting("sign-type"))));
        return Json.write(signed);
    }
}
