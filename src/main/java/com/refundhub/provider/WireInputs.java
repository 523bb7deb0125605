package com.refundhub.provider;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * The values a request carries that are not the refund's and not the channel's: random text (nonces), UUIDs and the
 * time. Production draws them fresh for every call; tests fix them, so that a request can be compared byte for byte
 * with a known one.
 */
public interface WireInputs {
    /** Nonces are drawn from these characters. */
    String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** {@code length} random characters of {@link #NONCE_CHARS}. */
    String nonce(int length);

    String uuid();

    Instant now();

    /** Fresh randomness and the system clock. */
    WireInputs SYSTEM = new WireInputs() {
        private final SecureRandom random = new SecureRandom();

        @Override
        public String nonce(int length) {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
            }
            return sb.toString();
        }

        @Override
        public String uuid() {
            return UUID.randomUUID().toString();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };

    /** Always the same values: the first {@code length} characters of {@code nonce}, {@code uuid}, {@code now}. */
    static WireInputs fixed(String nonce, String uuid, Instant now) {
        return new WireInputs() {
            @Override
            public String nonce(int length) {
                return nonce.substring(0, Math.min(length, nonce.length()));
            }

            @Override
            public String uuid() {
                return uuid;
            }

            @Override
            public Instant now() {
                return now;
            }
        };
    }
}
