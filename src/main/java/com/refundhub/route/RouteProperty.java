package com.refundhub.route;

import org.apache.camel.Exchange;

/**
 * One exchange property the routes carry: its name (the one the YAML routes use too) and its type. Java reads and
 * writes properties only through these, never by a raw name.
 *
 * @param <T> the type of its value
 */
public final class RouteProperty<T> {
    private final String name;
    private final Class<T> type;

    RouteProperty(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** The value, or null when no step set it. */
    public T get(Exchange exchange) {
        return exchange.getProperty(name, type);
    }

    public T get(Exchange exchange, T whenUnset) {
        T value = get(exchange);
        return value == null ? whenUnset : value;
    }

    /** The value a step before must have set. */
    public T require(Exchange exchange) {
        T value = get(exchange);
        if (value == null) {
            throw new IllegalStateException("exchange property " + name + " was not set");
        }
        return value;
    }

    /** For a fact: true only when a step set it to true; unset is false. */
    public boolean isTrue(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(name, Boolean.class));
    }

    public void set(Exchange exchange, T value) {
        exchange.setProperty(name, value);
    }

    public void remove(Exchange exchange) {
        exchange.removeProperty(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
