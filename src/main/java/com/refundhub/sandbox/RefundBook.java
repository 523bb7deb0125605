package com.refundhub.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulator's memory: every refund number it accepted, its state, and how often it was asked. Refund
 * numbers are idempotent here as at a real provider: a repeated refund call answers the recorded state and
 * is counted, never accepted twice.
 */
public final class RefundBook {
    public enum State { PROCESSING, SUCCEEDED, FAILED }

    public static final class Entry {
        public final String refundNo;
        public final String orderId;
        public final long amount;
        public volatile State state;
        public volatile int inquiries;
        public volatile int refundCalls;
        /** how many times this number was newly accepted: more than one is a double refund */
        public volatile int acceptances;

        Entry(String refundNo, String orderId, long amount, State state) {
            this.refundNo = refundNo;
            this.orderId = orderId;
            this.amount = amount;
            this.state = state;
        }
    }

    private final Map<String, Entry> refunds = new ConcurrentHashMap<>();
    private final AtomicLong refundCalls = new AtomicLong();
    private final AtomicLong inquiryCalls = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger peakInFlight = new java.util.concurrent.atomic.AtomicInteger();

    /** A call to this provider began: counts calls in flight at once. */
    public void callStarted() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    public void callEnded() {
        inFlight.decrementAndGet();
    }

    /** The most calls this provider had in flight at once. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    public Entry find(String refundNo) {
        return refunds.get(refundNo);
    }

    /** Records a new refund; returns the existing entry instead when the number is known. */
    public synchronized Entry accept(String refundNo, String orderId, long amount, State state) {
        Entry e = refunds.get(refundNo);
        if (e == null) {
            e = new Entry(refundNo, orderId, amount, state);
            e.acceptances = 1;
            refunds.put(refundNo, e);
        }
        return e;
    }

    /** Sum of the non-failed refunds of an order (what is no longer refundable). */
    public synchronized long refunded(String orderId) {
        long sum = 0;
        for (Entry e : refunds.values()) {
            if (e.orderId.equals(orderId) && e.state != State.FAILED) {
                sum += e.amount;
            }
        }
        return sum;
    }

    /** Sum of the order's refunds that went through. */
    public synchronized long succeeded(String orderId) {
        long sum = 0;
        for (Entry e : refunds.values()) {
            if (e.orderId.equals(orderId) && e.state == State.SUCCEEDED) {
                sum += e.amount;
            }
        }
        return sum;
    }

    public synchronized List<Entry> ofOrder(String orderId) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : refunds.values()) {
            if (e.orderId.equals(orderId)) {
                out.add(e);
            }
        }
        return out;
    }

    public void countRefundCall(String refundNo) {
        refundCalls.incrementAndGet();
        Entry e = refunds.get(refundNo);
        if (e != null) {
            e.refundCalls++;
        }
    }

    public void countInquiry() {
        inquiryCalls.incrementAndGet();
    }

    public long refundCalls() {
        return refundCalls.get();
    }

    public long inquiryCalls() {
        return inquiryCalls.get();
    }

    public int size() {
        return refunds.size();
    }

    public Map<String, Object> summary() {
        long doubles = refunds.values().stream().filter(e -> e.acceptances > 1).count();
        long repeated = refunds.values().stream().filter(e -> e.refundCalls > 1).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refunds", refunds.size());
        m.put("refundCalls", refundCalls.get());
        m.put("inquiryCalls", inquiryCalls.get());
        m.put("doubleAcceptances", doubles);
        m.put("refundNumbersCalledMoreThanOnce", repeated);
        m.put("examplesCalledMoreThanOnce", refunds.values().stream().filter(e -> e.refundCalls > 1).limit(5)
                .map(e -> e.refundNo).toList());
        m.put("peakInFlight", peakInFlight.get());
        return m;
    }

    public static Map<String, Object> view(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("refundNo", e.refundNo);
        m.put("orderId", e.orderId);
        m.put("amount", e.amount);
        m.put("state", e.state.name());
        m.put("refundCalls", e.refundCalls);
        m.put("inquiries", e.inquiries);
        m.put("acceptances", e.acceptances);
        return m;
    }
}
