package com.refundhub.core;

import static com.refundhub.core.RefundStatus.FAILED;
import static com.refundhub.core.RefundStatus.PENDING;
import static com.refundhub.core.RefundStatus.RECEIVED;
import static com.refundhub.core.RefundStatus.REJECTED;
import static com.refundhub.core.RefundStatus.REVIEW;
import static com.refundhub.core.RefundStatus.SUBMITTED;
import static com.refundhub.core.RefundStatus.SUCCEEDED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The refund state machine, written down once: every allowed move and what causes it. The ledger's guard reads it
 * (in Java and in the SQL of every status change), {@link RefundStatus} answers from it, and
 * {@code docs/state-machine.md} is drawn from it (regenerate it with the command at the top of that file).
 * A status nothing may leave is final.
 */
public final class RefundTransitions {

    /** One allowed move: in a word (the diagram's label), and what in the hub makes it. */
    public record Transition(RefundStatus from, RefundStatus to, String trigger, String cause) {
    }

    /** How a refund enters the machine. */
    public static final String ENTRY = "accepted: validated and recorded (HTTP, file or JMS)";

    /**
     * The moves a person makes (SPEC §8.2, {@code POST /refunds/{refundId}/resolution}): from REVIEW to what the
     * operator found became of the refund at the provider. The resolution accepts exactly these targets.
     */
    private static final List<Transition> MANUAL = List.of(
            new Transition(REVIEW, SUCCEEDED, "resolved: succeeded", "an operator who checked with the provider "
                    + "resolves it as done (POST /refunds/{refundId}/resolution, code MANUAL_RESOLUTION, with the "
                    + "operator's name and note in the history)"),
            new Transition(REVIEW, FAILED, "resolved: failed", "an operator who checked with the provider resolves "
                    + "it as failed (POST /refunds/{refundId}/resolution, code MANUAL_RESOLUTION, with the operator's "
                    + "name and note in the history)"));

    private static final List<Transition> AUTOMATIC = List.of(
            new Transition(RECEIVED, SUBMITTED, "send", "a worker takes the refund to send it (route provider-call); "
                    + "guarded, so one worker sends, and made durable before the request leaves"),
            new Transition(RECEIVED, REJECTED, "(unused)", "allowed; no step of the hub makes this move today "
                    + "(a refused request is answered without being recorded)"),
            new Transition(RECEIVED, REVIEW, "channel gone", "its channel is no longer configured (UNKNOWN_CHANNEL)"),
            new Transition(SUBMITTED, SUCCEEDED, "confirmed", "the provider confirms the refund"),
            new Transition(SUBMITTED, FAILED, "refused", "the provider refuses the refund or says it failed"),
            new Transition(SUBMITTED, PENDING, "processing or unknown", "the provider is processing it; or no usable "
                    + "answer came (OUTCOME_UNKNOWN: timeout, 5xx, connection lost); or the answer cannot be believed "
                    + "(BAD_PROVIDER_SIGNATURE); or the send was cut off (its lease ran out, or the hub stopped)"),
            new Transition(SUBMITTED, RECEIVED, "not delivered", "the connection to the provider could not be made "
                    + "(refused, connect timeout, unknown host): nothing reached it, so the refund waits for its channel "
                    + "(PROVIDER_UNAVAILABLE) and is sent again later with the same refund number, without inquiry"),
            new Transition(SUBMITTED, REVIEW, "(unused)", "allowed; no step of the hub makes this move today"),
            new Transition(PENDING, SUCCEEDED, "done (inquiry)", "an inquiry finds the refund done"),
            new Transition(PENDING, FAILED, "failed (inquiry)", "an inquiry finds the refund failed"),
            new Transition(PENDING, PENDING, "not yet (inquiry)", "an inquiry finds it still processing, or its answer "
                    + "cannot be believed: asked again later by the channel's backoff (the code may change)"),
            new Transition(PENDING, SUBMITTED, "resend once", "an inquiry says the provider has no such refund, its "
                    + "outcome was unknown and it was not resent yet: sent once more, with the same refund number"),
            new Transition(PENDING, REVIEW, "give up", "no final answer by refundhub.inquiry.max-age (INQUIRY_EXHAUSTED); "
                    + "refundhub.inquiry.untrusted-limit answers in a row not believed; no such refund after the one "
                    + "resend, or for a refund the provider had accepted; its channel is no longer configured"),
            new Transition(REVIEW, SUCCEEDED, "done (inquiry)", "an inquiry asked for by an operator "
                    + "(POST /refunds/{refundId}/inquiry) finds the refund done"),
            new Transition(REVIEW, FAILED, "failed (inquiry)", "an inquiry asked for by an operator finds the refund failed"),
            new Transition(REVIEW, REVIEW, "(unused)", "allowed; no step of the hub makes this move today"));

    private static final List<Transition> ALL = concat(AUTOMATIC, MANUAL);

    private static final Map<RefundStatus, EnumSet<RefundStatus>> NEXT = new EnumMap<>(RefundStatus.class);
    private static final Map<RefundStatus, EnumSet<RefundStatus>> PREVIOUS = new EnumMap<>(RefundStatus.class);

    static {
        for (RefundStatus s : RefundStatus.values()) {
            NEXT.put(s, EnumSet.noneOf(RefundStatus.class));
            PREVIOUS.put(s, EnumSet.noneOf(RefundStatus.class));
        }
        for (Transition t : ALL) {
            NEXT.get(t.from()).add(t.to());
            PREVIOUS.get(t.to()).add(t.from());
        }
    }

    private RefundTransitions() {
    }

    /** Every allowed move, in the order written above: the hub's own, then the manual ones. */
    public static List<Transition> all() {
        return ALL;
    }

    /** Whether a person makes this move (a manual resolution), rather than the hub. */
    public static boolean isManual(Transition t) {
        return MANUAL.contains(t);
    }

    /** The statuses an operator may resolve a refund in {@code from} to; none when it cannot be resolved by hand. */
    public static Set<RefundStatus> manualTargets(RefundStatus from) {
        EnumSet<RefundStatus> to = EnumSet.noneOf(RefundStatus.class);
        MANUAL.stream().filter(t -> t.from() == from).forEach(t -> to.add(t.to()));
        return to;
    }

    private static List<Transition> concat(List<Transition> a, List<Transition> b) {
        List<Transition> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Statuses {@code from} may move to; none for a final status. */
    public static Set<RefundStatus> next(RefundStatus from) {
        return EnumSet.copyOf(NEXT.get(from));
    }

    /** Statuses a refund may be in to move to {@code to}. */
    public static Set<RefundStatus> previous(RefundStatus to) {
        return EnumSet.copyOf(PREVIOUS.get(to));
    }

    public static boolean allows(RefundStatus from, RefundStatus to) {
        return NEXT.get(from).contains(to);
    }

    /** Final: nothing may leave it. */
    public static boolean isFinal(RefundStatus status) {
        return NEXT.get(status).isEmpty();
    }
}
