package com.refundhub.app;

import com.refundhub.api.Health;
import com.refundhub.api.HubMetrics;
import com.refundhub.config.ChannelConfig;
import com.refundhub.config.Channels;
import com.refundhub.config.HubSettings;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.OrderAmounts;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import com.refundhub.channel.ChannelGates;
import com.refundhub.channel.ChannelTls;
import com.refundhub.channel.ProviderCalls;
import com.refundhub.channel.ProviderSteps;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.ProviderTypes;
import com.refundhub.provider.WireInputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers: their descriptors, a route for each made from the provider route template, the steps those routes
 * share, the configured channels and their circuit breakers, and the HTTP client every provider call shares.
 */
public class ProviderConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderConfiguration.class);

    @BindToRegistry("channels")
    public Channels channels(HubSettings settings) {
        return settings.channels();
    }

    /**
     * One route per provider type, from template {@code provider} ({@code routes/provider.camel.yaml}): Camel creates
     * them at start from this source, route id and {@code direct:} endpoint named after the type.
     */
    @BindToRegistry("providerRoutes")
    public RouteTemplateParameterSource providerRoutes(ProviderTypes types) {
        return new RouteTemplateParameterSource() {
            @Override
            public Map<String, Object> parameters(String routeId) {
                return Map.of(RouteTemplateParameterSource.TEMPLATE_ID, "provider", "type", routeId);
            }

            @Override
            public Set<String> routeIds() {
                return types.byName().keySet();
            }
        };
    }

    @BindToRegistry("providerSteps")
    public ProviderSteps providerSteps(ProviderTypes types, OrderAmounts orderAmounts) {
        return new ProviderSteps(types, (channel, orderId, except) -> {
            OrderTotals t = orderAmounts.totals(channel, orderId, except);
            return new OrderRefunds(t.succeeded(), t.open());
        }, WireInputs.SYSTEM);
    }

    /** A circuit breaker per channel; each channel's state in {@code /health} and {@code refundhub_channel_open}. */
    @BindToRegistry("channelBreakers")
    public ChannelBreakers channelBreakers(HubSettings settings, HubMetrics metrics, Health health) {
        ChannelBreakers breakers = new ChannelBreakers(settings.channels().all());
        for (String channel : breakers.states().keySet()) {
            metrics.gauge("refundhub_channel_open", "1 while the channel's circuit breaker is open or half-open (nothing "
                    + "but a probe is sent or inquired on it), else 0", () -> breakers.state(channel)
                    == ChannelBreakers.State.CLOSED ? 0 : 1, "channel", channel);
        }
        // a channel that is down does not make the hub DOWN: it is shown beside the checks
        health.detail("channels", () -> {
            Map<String, Object> states = new LinkedHashMap<>();
            breakers.states().forEach((name, state) -> states.put(name, Map.of("state", state.name())));
            return states;
        });
        return breakers;
    }

    @BindToRegistry("providerCalls")
    public ProviderCalls providerCalls(LedgerDatabase ledger, Refunds refunds, RefundClaims claims,
                                       ChannelBreakers breakers, HubMetrics metrics) {
        return new ProviderCalls(ledger, refunds, claims, new ChannelGates(), breakers, metrics);
    }

    @Override
    public void configure(CamelContext context) {
        // No automatic retries (HttpClient would resend a POST after a 503) and no redirects: a refund request
        // reaches a provider once per send the ledger knows of, never more.
        // Both schemes: camel-http serves https:// URLs (channels of their own TLS, real providers) from a component
        // of its own, which the http one's configurer does not reach.
        for (String scheme : List.of("http", "https")) {
            context.getComponent(scheme, HttpComponent.class).setHttpClientConfigurer(builder ->
                    builder.disableAutomaticRetries().disableRedirectHandling());
        }
        Channels channels = context.getRegistry().findSingleByType(Channels.class);
        for (ChannelConfig channel : channels.all()) {
            if (channel.getTls() != null) {   // named by the channel's endpoint URI: a client and pool of its own
                context.getRegistry().bind(channel.tlsBean(), new ChannelTls(channel.getTls()));
            }
        }
        LOG.info("channels: {}", channels.all().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
}
