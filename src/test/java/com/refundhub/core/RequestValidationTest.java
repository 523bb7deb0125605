package com.refundhub.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule of SPEC §1, each reported on its own field. */
class RequestValidationTest {
    private final RequestValidator validator = new RequestValidator(name -> switch (name) {
        case "trusty" -> Optional.of(new ChannelRules("trusty", Set.of("MMK"), false));
        case "newpay" -> Optional.of(new ChannelRules("newpay", Set.of("LAK", "USD"), true));
        default -> Optional.empty();
    });

    private static final String GOOD = "{\"refundId\":\"R-1_a\",\"orderId\":\"O-1\",\"channel\":\"newpay\",\"amount\":100,"
            + "\"currency\":\"LAK\",\"orderAmount\":500,\"reason\":\"damaged\",\"operatorId\":\"op1\",\"terminalNo\":\"t1\","
            + "\"metadata\":{\"ticket\":42}}";

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    RefundRefusedException refusal(String jsonText) throws Exception {
        try {
            validator.validate(RequestParser.fromJson(json(jsonText)));
        } catch (RefundRefusedException e) {
            return e;
        }
        throw new AssertionError("accepted: " + jsonText);
    }

    @Test
    void aCompleteRequestPasses() throws Exception {
        RefundRequest r = RequestParser.fromJson(json(GOOD));
        validator.validate(r);
        assertThat(r.amount()).isEqualTo(100L);
        assertThat(r.metadata().get("ticket").asInt()).isEqualTo(42);
    }

    @Test
    void trustyNeedsNoAmount() throws Exception {
        validator.validate(RequestParser.fromJson(json("{\"refundId\":\"R1\",\"orderId\":\"O1\",\"channel\":\"trusty\"}")));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "refundId removed          | refundId    | \"refundId\":\"R-1_a\",                | ",
        "refundId with a space     | refundId    | \"refundId\":\"R-1_a\"                 | \"refundId\":\"R 1\"",
        "refundId of 33 characters | refundId    | \"refundId\":\"R-1_a\"                 | \"refundId\":\"123456789012345678901234567890123\"",
        "refundId not a string     | refundId    | \"refundId\":\"R-1_a\"                 | \"refundId\":12",
        "orderId removed           | orderId     | \"orderId\":\"O-1\",                   | ",
        "orderId empty             | orderId     | \"orderId\":\"O-1\"                    | \"orderId\":\"\"",
        "orderId too long          | orderId     | \"orderId\":\"O-1\"                    | \"orderId\":\"123456789012345678901234567890123\"",
        "orderId with a tab        | orderId     | \"orderId\":\"O-1\"                    | \"orderId\":\"O\\t1\"",
        "channel removed           | channel     | \"channel\":\"newpay\",                | ",
        "channel unknown           | channel     | \"channel\":\"newpay\"                 | \"channel\":\"paypal\"",
        "amount zero               | amount      | \"amount\":100                        | \"amount\":0",
        "amount negative           | amount      | \"amount\":100                        | \"amount\":-5",
        "amount a decimal          | amount      | \"amount\":100                        | \"amount\":1.5",
        "amount a string           | amount      | \"amount\":100                        | \"amount\":\"100\"",
        "amount missing (partial)  | amount      | \"amount\":100,                       | ",
        "currency missing          | currency    | \"currency\":\"LAK\",                  | ",
        "currency not ISO          | currency    | \"currency\":\"LAK\"                   | \"currency\":\"XYZ\"",
        "currency not the channel's| currency    | \"currency\":\"LAK\"                   | \"currency\":\"JPY\"",
        "orderAmount zero          | orderAmount | \"orderAmount\":500                   | \"orderAmount\":0",
        "amount past orderAmount   | amount      | \"orderAmount\":500                   | \"orderAmount\":50",
        "reason too long           | reason      | \"reason\":\"damaged\"                 | \"reason\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
        "reason with control char  | reason      | \"reason\":\"damaged\"                 | \"reason\":\"bad\\u0007\"",
        "operatorId too long       | operatorId  | \"operatorId\":\"op1\"                 | \"operatorId\":\"123456789012345678901\"",
        "terminalNo too long       | terminalNo  | \"terminalNo\":\"t1\"                  | \"terminalNo\":\"123456789012345678901\"",
        "metadata not an object    | metadata    | \"metadata\":{\"ticket\":42}          | \"metadata\":[1]",
        "an unknown field          | amout       | \"amount\":100                        | \"amount\":100,\"amout\":1",
    })
    void eachRuleNamesItsField(String rule, String field, String replace, String with) throws Exception {
        String body = GOOD.replace(replace.trim(), with == null ? "" : with.trim());
        assertThat(body).as("test setup for " + rule).isNotEqualTo(GOOD);
        RefundRefusedException e = refusal(body);
        assertThat(e.errors()).extracting(FieldError::field).contains(field);
    }

    @Test
    void anUnknownChannelAloneIsUnknownChannel() throws Exception {
        RefundRefusedException e = refusal("{\"refundId\":\"R1\",\"orderId\":\"O1\",\"channel\":\"paypal\"}");
        assertThat(e.code()).isEqualTo(ReasonCode.UNKNOWN_CHANNEL);
        assertThat(refusal("{\"refundId\":\"R 1\",\"orderId\":\"O1\",\"channel\":\"paypal\"}").code())
                .isEqualTo(ReasonCode.INVALID_REQUEST);
    }

    @Test
    void notAnObjectIsRefused() throws Exception {
        assertThat(refusal("[1,2]").errors()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void csvRowsUseTheSameRules() {
        RefundRequest r = RequestParser.fromStrings(Map.of("refundId", "R1", "orderId", "O1", "channel", "newpay",
                "amount", "250", "currency", "USD"));
        validator.validate(r);
        assertThat(r.amount()).isEqualTo(250L);
        assertThatThrownBy(() -> RequestParser.fromStrings(Map.of("refundId", "R1", "amount", "12.5")))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("amount"));
    }

    @Test
    void identicalRequestsHaveOneFingerprintWhateverTheKeyOrder() throws Exception {
        String a = RequestFingerprint.of(RequestParser.fromJson(json(
                "{\"refundId\":\"R1\",\"orderId\":\"O1\",\"channel\":\"trusty\",\"metadata\":{\"a\":1,\"b\":2}}")));
        String b = RequestFingerprint.of(RequestParser.fromJson(json(
                "{\"metadata\":{\"b\":2,\"a\":1},\"channel\":\"trusty\",\"orderId\":\"O1\",\"refundId\":\"R1\"}")));
        String c = RequestFingerprint.of(RequestParser.fromJson(json(
                "{\"refundId\":\"R1\",\"orderId\":\"O2\",\"channel\":\"trusty\",\"metadata\":{\"a\":1,\"b\":2}}")));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }
}
