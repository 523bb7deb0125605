package com.refundhub.provider.fourth;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.provider.RequestSigner;
import java.util.Map;

/** Writes the {@code msg} once and signs those exact characters. */
public class FourthSigner extends RequestSigner {
    @Override
    protected String signedBody(Map<String, Object> msg, ChannelConfig channel) {
        return FourthMac.wrap(Json.write(msg), channel.requireSetting("key"));
    }
}
