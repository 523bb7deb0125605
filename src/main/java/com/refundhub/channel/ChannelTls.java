package com.refundhub.channel;

import com.refundhub.config.ChannelConfig;
import com.refundhub.config.KeyStores;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * One channel's TLS (SPEC §11), handed to its camel-http endpoint ({@code sslContextParameters=#channel-tls-NAME}): a
 * TLS context of the channel's own, made once from its trust store and client certificate, so that the endpoint gets
 * an HTTP client and connection pool of its own and nothing touches the JVM's trust. The files were opened by the
 * check at start; a failure here is a file changed since.
 *
 * <p>It speaks <b>TLS 1.2</b>. In TLS 1.2 a provider that refuses the client's certificate (or its absence) fails the
 * handshake itself, before a byte of the request is written: provably not delivered. In TLS 1.3 the client's side of
 * the handshake ends first; the refusal comes back only once the client has written its request into a session the
 * server never completed, as a broken pipe or a reset that cannot be told from a provider that received the request
 * and went away: an unknown outcome. A channel without TLS settings of its own keeps the JVM's default (1.3).
 */
public final class ChannelTls extends SSLContextParameters {
    private final SSLContext context;

    public ChannelTls(ChannelConfig.Tls tls) {
        this.context = KeyStores.context(tls.keyStore(), tls.password(), tls.trustStore(), tls.trustPassword(),
                "TLSv1.2");
    }

    @Override
    public SSLContext createSSLContext(CamelContext camelContext) {
        return context;
    }
}
