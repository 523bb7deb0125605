package com.refundhub.config;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a setting's text may be and what it means: parses it (or says what is wrong), tells what is allowed,
 * how the value reaches Camel's property placeholders, and how its text may be printed.
 *
 * @param name      short name for the reference ({@code integer}, {@code duration})
 * @param allowed   what is allowed, as a problem line and the reference say it
 * @param parser    text (trimmed, not empty) → value; throws {@link IllegalArgumentException} saying what is wrong
 * @param camelText value → the text a {@code {{placeholder}}} receives (durations as milliseconds)
 * @param printable text → text safe to print (a URL without its password); secrets are masked elsewhere
 */
public record ValueType<T>(String name, String allowed, Function<String, T> parser, Function<T, String> camelText,
                           UnaryOperator<String> printable) {

    public static <T> ValueType<T> of(String name, String allowed, Function<String, T> parser) {
        return new ValueType<>(name, allowed, parser, String::valueOf, UnaryOperator.identity());
    }

    public T parse(String text) {
        return parser.apply(text);
    }

    public String toCamel(Object value) {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return camelText.apply(typed);
    }

    public ValueType<T> renamed(String newName) {
        return new ValueType<>(newName, allowed, parser, camelText, printable);
    }

    public ValueType<T> withCamelText(Function<T, String> camel) {
        return new ValueType<>(name, allowed, parser, camel, printable);
    }

    public ValueType<T> withPrintable(UnaryOperator<String> print) {
        return new ValueType<>(name, allowed, parser, camelText, print);
    }

    /** The same type with a further check of the parsed value (throws {@link IllegalArgumentException}). */
    public ValueType<T> checked(String allowedText, java.util.function.Consumer<T> check) {
        return new ValueType<>(name, allowedText, text -> {
            T value = parser.apply(text);
            check.accept(value);
            return value;
        }, camelText, printable);
    }
}
