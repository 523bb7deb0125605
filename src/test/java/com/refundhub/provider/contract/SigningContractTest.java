package com.refundhub.provider.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.refundhub.Providers;
import com.refundhub.config.ChannelConfig;
import com.refundhub.provider.CryptoChoice;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderAnswer.Verdict;
import com.refundhub.provider.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Provider contract, signing: for every registered provider descriptor, the hub's engine signs the known answers of
 * {@code contract/TYPE.json} (computed outside the project) character for character, its verifier believes the known
 * answers, and refuses each of them tampered with, checked with another key, or about another refund — with the
 * native crypto provider and with the JDK's (the hub signs with either, {@code NativeCrypto}).
 */
class SigningContractTest {

    /** With each provider the hub may sign with: the same known answers, character for character. */
    @TestFactory
    Stream<DynamicContainer> everyProviderSignsAndVerifiesItsKnownAnswers() {
        return Stream.of(CryptoChoice.values()).map(crypto -> dynamicContainer(crypto.name(),
                Providers.descriptors().stream().map(m -> dynamicContainer(m.name(), cases(m, crypto)))));
    }

    /** The native provider stays installed after this class, as a hub's start leaves it. */
    @AfterAll
    static void nativeCryptoAgain() throws Exception {
        CryptoChoice.nativeAgain();
    }

    /** A test named after its provider, crypto provider and case, whose failure says all three; run with that crypto. */
    private static DynamicTest test(String type, CryptoChoice crypto, String name, Executable check) {
        String full = type + " (" + crypto + " crypto): " + name;
        return dynamicTest(full, Staged.named(full, () -> crypto.run(check)));
    }

    private static List<DynamicTest> cases(Descriptor module, CryptoChoice crypto) {
        String type = module.name();
        ContractData data = ContractData.of(module.name());
        ProviderParts parts = new ProviderParts(module);
        JsonNode settings = data.signing().path("channel");
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test(type, crypto, "brings known answers for requests and answers", () -> {
            assertThat(data.signing().path("requests")).as("request cases").isNotEmpty();
            assertThat(data.signing().path("answers")).as("answer cases").anyMatch(a -> a.path("verdict").asText().equals("VERIFIED"));
        }));
        for (JsonNode request : data.signing().path("requests")) {
            tests.add(test(type, crypto, "request " + request.get("name").asText() + " is signed exactly as the known answer", () -> {
                String body = parts.sign(request.get("fields"), parts.channel(settings, request.path("channel")));
                assertThat(request.get("body").asText()).as("the case's body carries its signature").contains(request.get("signature").asText());
                assertThat(body).isEqualTo(request.get("body").asText());
            }));
        }
        for (JsonNode answer : data.signing().path("answers")) {
            tests.addAll(answerCases(type, crypto, parts, settings, answer));
        }
        return tests;
    }

    private static List<DynamicTest> answerCases(String type, CryptoChoice crypto, ProviderParts parts, JsonNode settings, JsonNode answer) {
        String name = "answer " + answer.get("name").asText();
        String text = answer.get("text").asText();
        Operation operation = Operation.valueOf(answer.get("operation").asText());
        ChannelConfig channel = parts.channel(settings, answer.path("channel"));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test(type, crypto, name + " is " + answer.get("verdict").asText(), () -> {
            if (answer.has("signature")) {
                assertThat(text).as("the case's answer carries its signature").contains(answer.get("signature").asText());
            }
            ProviderAnswer a = parts.verify(text, channel, operation, parts.record(answer.get("record"), MissingNode.getInstance()));
            assertThat(a.verdict()).as(a.detail()).isEqualTo(Verdict.valueOf(answer.get("verdict").asText()));
            if (answer.has("key")) {
                assertThat(a.key()).isEqualTo(answer.get("key").asText());
            }
            if (answer.has("providerRefundId")) {
                assertThat(a.providerRefundId()).isEqualTo(answer.get("providerRefundId").asText());
            }
        }));
        for (JsonNode t : answer.path("tampered")) {
            tests.add(test(type, crypto, name + " is refused when tampered with: " + t.get("why").asText(), () -> {
                assertThat(text).contains(t.get("from").asText());
                String tampered = text.replace(t.get("from").asText(), t.get("to").asText());
                assertThat(parts.verify(tampered, channel, operation, parts.record(answer.get("record"), MissingNode.getInstance()))
                        .verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
            }));
        }
        if (answer.has("otherChannel")) {
            tests.add(test(type, crypto, name + " is refused when checked with another key", () ->
                    assertThat(parts.verify(text, parts.channel(settings, answer.get("otherChannel")), operation,
                            parts.record(answer.get("record"), MissingNode.getInstance())).verdict()).isEqualTo(Verdict.BAD_SIGNATURE)));
        }
        if (answer.has("otherRecord")) {
            tests.add(test(type, crypto, name + " is not believed about another refund", () ->
                    assertThat(parts.verify(text, channel, operation, parts.record(answer.get("record"), answer.get("otherRecord")))
                            .verdict()).isEqualTo(Verdict.MISMATCH)));
        }
        return tests;
    }
}
