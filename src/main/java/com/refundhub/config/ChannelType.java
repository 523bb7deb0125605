package com.refundhub.config;

import java.util.List;
import java.util.Set;

/**
 * What the configuration check needs to know of a provider type (its descriptor, SPEC §10): the keys of a channel of
 * the type, {@code refundhub.channels.NAME.*}, and of its sandbox account, {@code refundhub.sandbox.TYPE.*}, and the
 * defaults a channel of it takes.
 */
public interface ChannelType {

    /** The type's name, as {@code refundhub.channels.NAME.type} gives it. */
    String name();

    /** The keys of a channel of this type, written relative to {@code refundhub.channels.NAME.}. */
    List<Setting<?>> channelSettings();

    /** The keys of the sandbox's account of this type, written relative to {@code refundhub.sandbox.TYPE.}. */
    List<Setting<?>> sandboxSettings();

    Set<String> defaultCurrencies();

    String defaultRefundPath();

    String defaultInquiryPath();

    /**
     * The provider refuses a call without the merchant's client certificate (mutual TLS, SPEC §11): a channel of this
     * type must name one ({@code tls.key-store}).
     */
    default boolean requiresClientCertificate() {
        return false;
    }
}
