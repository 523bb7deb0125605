package com.refundhub.config;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    static final List<String> KEYS = List.of("refundhub.http.port", "refundhub.http.host",
            "refundhub.channels.trusty.read-timeout", "refundhub.channels.trusty.type");

    @Test
    void aSlipOfTheKeyboardFindsTheKeyMeant() {
        assertThat(Suggestions.nearest("refundhub.channels.trusty.read-timout", KEYS))
                .contains("refundhub.channels.trusty.read-timeout");
        assertThat(Suggestions.nearest("refundhub.http.prot", KEYS)).contains("refundhub.http.port");
        assertThat(Suggestions.nearest("refundhub.htp.port", KEYS)).contains("refundhub.http.port");
    }

    @Test
    void anotherWordIsNotASlip() {
        assertThat(Suggestions.nearest("refundhub.channels.trusty.sign-type", KEYS)).isEmpty();
        assertThat(Suggestions.nearest("refundhub.http.address", KEYS)).isEmpty();
    }

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertThat(Suggestions.distance("port", "prot")).isEqualTo(1);
        assertThat(Suggestions.distance("read-timout", "read-timeout")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
