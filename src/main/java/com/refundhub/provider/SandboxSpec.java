package com.refundhub.provider;

import java.util.List;
import java.util.Map;

/**
 * How the sandbox plays a provider: the merchant account it knows ({@code refundhub.sandbox.NAME.*}, with defaults),
 * the settings of a channel that talks to it ({@code channel}: those that differ from the account's, such as the
 * merchant's private key where the sandbox holds its public key), and its answers to requests it cannot accept
 * ({@code errors}: unknown-merchant, bad-signature, bad-request). Its answers to each operation are the operations'.
 */
public record SandboxSpec(List<Descriptor.SettingSpec> account, Map<String, String> channel,
                          Map<String, SandboxAnswer> errors) {
}
