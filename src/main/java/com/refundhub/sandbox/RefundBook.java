package com.refundhub.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

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
    /** the refunds of each order (guarded by this book): an order's totals without a scan of every refund */
    private final Map<String, List<Entry>> byOrder = new HashMap<>();
    private final AtomicLong refundCalls = new AtomicLong();
    private final AtomicLong inquiryCalls = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger peakInFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** "refund:NUMBER" / "inquiry:NUMBER" → calls of that kind on that number in flight right now */
    private final Map<String, Integer> busy = new ConcurrentHashMap<>();
    /** what the call handled on this thread is about, between {@link #callStarted()} and {@link #callEnded()} */
    private final ThreadLocal<List<String>> callOn = new ThreadLocal<>();
    private final AtomicLong concurrentRefundCalls = new AtomicLong();
    private final AtomicLong concurrentInquiries = new AtomicLong();
    private final Set<String> concurrentExamples = ConcurrentHashMap.newKeySet();

    /** A call to this provider began (on this thread): counts calls in flight at once. */
    public void callStarted() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        callOn.set(new ArrayList<>());
    }

    /** The call on this thread is answered (its delay included): its refund number is free again. */
    public void callEnded() {
        inFlight.decrementAndGet();
        List<String> keys = callOn.get();
        callOn.remove();
        if (keys != null) {
            keys.forEach(k -> busy.computeIfPresent(k, (key, n) -> n <= 1 ? null : n - 1));
        }
    }

    /**
     * The call on this thread is a refund call or an inquiry about {@code refundNo}. Counts it when another call
     * of the same kind on the same number is still in flight: a refund submitted twice at the same time, or
     * inquired twice at the same time. (A refund call and an inquiry may overlap: after a timeout the hub asks
     * while the provider is still working.) Only calls between callStarted and callEnded are tracked.
     */
    private void track(String kind, String refundNo) {
        List<String> keys = callOn.get();
        if (keys == null || refundNo == null) {
            return;
        }
        String key = kind + ":" + refundNo;
        if (keys.contains(key)) {
            return;
        }
        keys.add(key);
        if (busy.merge(key, 1, Integer::sum) > 1) {
            ("refund".equals(kind) ? concurrentRefundCalls : concurrentInquiries).incrementAndGet();
            if (concurrentExamples.size() < 5) {
                concurrentExamples.add(key);
            }
        }
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
            byOrder.computeIfAbsent(orderId, k -> new ArrayList<>(1)).add(e);
        }
        return e;
    }

    /** Sum of the non-failed refunds of an order (what is no longer refundable). */
    public synchronized long refunded(String orderId) {
        return sum(orderId, state -> state != State.FAILED);
    }

    /** Sum of the order's refunds that went through. */
    public synchronized long succeeded(String orderId) {
        return sum(orderId, state -> state == State.SUCCEEDED);
    }

    private long sum(String orderId, Predicate<State> counted) {
        long sum = 0;
        for (Entry e : byOrder.getOrDefault(orderId, List.of())) {
            if (counted.test(e.state)) {
                sum += e.amount;
            }
        }
        return sum;
    }

    public synchronized List<Entry> ofOrder(String orderId) {
        return new ArrayList<>(byOrder.getOrDefault(orderId, List.of()));
    }

    public void countRefundCall(String refundNo) {
        refundCalls.incrementAndGet();
        track("refund", refundNo);
        Entry e = refunds.get(refundNo);
        if (e != null) {
            e.refundCalls++;
        }
    }

    public void countInquiry(String refundNo) {
        inquiryCalls.incrementAndGet();
        track("inquiry", refundNo);
    }

    /** Calls that began while another call of the same kind on the same refund number was in flight. */
    public long concurrentRefundCalls() {
        return concurrentRefundCalls.get();
    }

    public long concurrentInquiries() {
        return concurrentInquiries.get();
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
        m.put("concurrentRefundCalls", concurrentRefundCalls.get());
        m.put("concurrentInquiries", concurrentInquiries.get());
        m.put("examplesConcurrent", List.copyOf(concurrentExamples));
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
