package com.refundhub.provider;

import com.refundhub.config.ChannelType;
import com.refundhub.config.Setting;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A provider type, read from its descriptor file {@code NAME.provider.yaml} (SPEC §10): the channel settings it needs,
 * its rules, how it writes amounts, its operations (refund and inquiry: the request each sends, how its answer is read
 * and what it means), and how the sandbox plays it. Everything a provider differs in is here, as data; the code that
 * builds, signs, sends, reads and routes is the same for every provider.
 *
 * @param name      the type, as channels name it ({@code refundhub.channels.NAME.type})
 * @param source    where it was read from (a file, or {@code classpath:providers/NAME.provider.yaml})
 * @param settings  the channel settings, {@code refundhub.channels.NAME.*}, in the order written
 * @param rules     partial refunds, currencies, limits
 * @param amounts   how amounts go on the wire
 * @param refund    the refund operation
 * @param inquiry   the inquiry operation
 * @param sandbox   how the sandbox answers as this provider
 * @param examples  known answers: requests the hub must send byte for byte, answers it must read so
 */
public record Descriptor(String name, String title, String source, List<SettingSpec> settings, Rules rules,
                         AmountFormat amounts, OperationSpec refund, OperationSpec inquiry, SandboxSpec sandbox,
                         List<Example> examples) implements ChannelType {

    /** A setting: {@code type} is text, integer, currency, private-key (PKCS#8 PEM file) or public-key (X.509 PEM). */
    public record SettingSpec(String name, String type, List<String> oneOf, String defaultText, boolean required,
                              boolean secret, String description, Setting<?> setting) {
    }

    /**
     * @param amountRequired      partial refunds: a refund must name its amount; otherwise the provider refunds the
     *                            whole payment (an amount is recorded if given, never sent)
     * @param orderAmountRequired the request must give the payment's amount ({@code orderAmount}), which the provider
     *                            wants on the wire
     * @param maxAmount           the most the provider refunds in one call, in minor units; null for no limit
     */
    public record Rules(Set<String> currencies, boolean amountRequired, boolean orderAmountRequired, Long maxAmount) {
    }

    /** Whether a call needs the merchant's client certificate (mutual TLS, SPEC §11). */
    public enum ClientCertificate { NONE, OPTIONAL, REQUIRED }

    public OperationSpec operation(Operation operation) {
        return operation == Operation.REFUND ? refund : inquiry;
    }

    public Optional<SettingSpec> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    // ---- what the configuration check needs (ChannelType) ----

    @Override
    public boolean requiresClientCertificate() {
        return refund.clientCertificate() == ClientCertificate.REQUIRED
                || inquiry.clientCertificate() == ClientCertificate.REQUIRED;
    }

    @Override
    public List<Setting<?>> channelSettings() {
        return settings.stream().<Setting<?>>map(SettingSpec::setting).toList();
    }

    @Override
    public Set<String> defaultCurrencies() {
        return rules.currencies();
    }

    @Override
    public String defaultRefundPath() {
        return refund.path().source();
    }

    @Override
    public String defaultInquiryPath() {
        return inquiry.path().source();
    }

    @Override
    public List<Setting<?>> sandboxSettings() {
        return sandbox.account().stream().<Setting<?>>map(SettingSpec::setting).toList();
    }

    /**
     * The settings the hub signs or checks signatures with (every {@code ${setting.NAME}} of a signature's key,
     * appended text, or RSA keys): the channel's credentials, which a rotation replaces (SPEC §11).
     */
    public Set<String> credentials() {
        Set<String> out = new java.util.TreeSet<>();
        for (OperationSpec op : List.of(refund, inquiry)) {
            for (SignatureSpec s : List.of(op.request().signature(), op.answer().signature())) {
                for (Template t : java.util.Arrays.asList(s.key(), s.append(), s.privateKey(), s.publicKey())) {
                    if (t != null) {
                        t.exprs().stream().filter(e -> e.kind() == Template.Kind.SETTING).forEach(e -> out.add(e.name()));
                    }
                }
            }
        }
        return out;
    }

    /** Why this provider cannot take an amount the canonical rules allow: a fraction, a currency, its limit. */
    public Optional<String> amountProblem(long minor, String currency) {
        if (rules.maxAmount() != null && minor > rules.maxAmount()) {
            return Optional.of(title + " refunds at most " + rules.maxAmount() + " minor units at once");
        }
        return amounts.problem(minor, currency, title);
    }
}
