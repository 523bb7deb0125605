package com.refundhub.provider.newpay;

import com.refundhub.core.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Minor units → NewPay's major-unit strings, exactly, and back; plus the ISO exponents behind them. */
class NewPayAmountsTest {

    @ParameterizedTest(name = "{0} {1} minor → \"{2}\"")
    @CsvSource({
        "5000000,             LAK, 50000",
        "100,                 LAK, 1",
        "9223372036854775800, LAK, 92233720368547758",
        "1250,                USD, 12.50",
        "1200,                USD, 12.00",
        "1,                   USD, 0.01",
        "10,                  USD, 0.10",
        "100000000001,        USD, 1000000000.01",
    })
    void convertsExactly(long minor, String currency, String wire) {
        assertThat(NewPayAmounts.toWire(minor, currency)).isEqualTo(wire);
        assertThat(NewPayAmounts.fromWire(wire, currency)).isEqualTo(minor);
        assertThat(NewPayAmounts.problem(minor, currency)).isEmpty();
    }

    @Test
    void kipThatAreNotWholeCannotBeSent() {
        assertThat(NewPayAmounts.problem(5000050, "LAK")).hasValueSatisfying(why -> assertThat(why).contains("multiple of 100"));
        assertThatThrownBy(() -> NewPayAmounts.toWire(5000050, "LAK")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> NewPayAmounts.fromWire("12.505", "USD")).isInstanceOf(NumberFormatException.class);
        assertThat(NewPayAmounts.problem(100, "JPY")).isPresent();
    }

    @Test
    void isoExponents() {
        assertThat(Money.toMajor(12345, "JPY")).isEqualByComparingTo(new BigDecimal("12345"));
        assertThat(Money.toMajor(1, "MMK")).isEqualByComparingTo(new BigDecimal("0.01"));
        assertThat(Money.exponent("LAK")).isEqualTo(2);
        assertThat(Money.exponent("USD")).isEqualTo(2);
        assertThat(Money.exponent("JPY")).isZero();
    }
}
