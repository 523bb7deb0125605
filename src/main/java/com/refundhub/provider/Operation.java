package com.refundhub.provider;

/** What a provider call is for. */
public enum Operation {
    REFUND, INQUIRY;

    /** Name used in outcome tables: {@code refund}, {@code inquiry}. */
    public String tableName() {
        return name().toLowerCase();
    }
}
