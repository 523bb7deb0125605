package com.refundhub.provider;

/** Names of the exchange properties the refund flow carries between route steps. */
public final class Exchanges {
    /** the refund being worked on ({@link com.refundhub.core.RefundRecord}) */
    public static final String RECORD = "record";
    /** its channel ({@link com.refundhub.config.ChannelConfig}) */
    public static final String CHANNEL = "channel";
    /** {@link Operation} */
    public static final String OPERATION = "operation";
    /** the signed request text as sent */
    public static final String REQUEST_BODY = "requestBody";
    /** {@link ProviderAnswer} */
    public static final String ANSWER = "answer";
    /** {@link Outcome}: set as soon as it is known (no answer) or by the outcome step */
    public static final String OUTCOME = "outcome";
    /** true while this exchange holds a slot of the channel's gate */
    public static final String GATE_HELD = "gateHeld";
    /** {@link com.refundhub.ledger.ProviderExchange}: the call as it went, kept with the outcome it leads to */
    public static final String PROVIDER_EXCHANGE = "providerExchange";
    /** System.nanoTime() when the HTTP call started */
    public static final String CALL_STARTED = "callStarted";

    private Exchanges() {
    }
}
