package com.refundhub.app;

import com.refundhub.config.HubSettings;
import com.refundhub.config.SandboxSettings;
import com.refundhub.provider.ProviderTypes;
import com.refundhub.sandbox.Sandbox;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The provider simulators on loopback (SPEC §7), when {@code refundhub.sandbox.enabled}; closed after the routes. */
public class SandboxConfiguration implements CamelConfiguration {

    @BindToRegistry("sandbox")
    public Sandbox sandbox(HubSettings settings, ProviderTypes types, CamelContext context) throws Exception {
        SandboxSettings s = settings.sandbox();
        if (!s.enabled()) {
            return null;   // nothing bound
        }
        Sandbox sandbox = new Sandbox(s, types.all()).start(s.host(), s.port(), s.tls());
        context.addService(new OnStop("sandbox", sandbox::close));
        return sandbox;
    }
}
