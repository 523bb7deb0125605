package com.refundhub.channel;

import com.refundhub.config.ChannelConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** Per-channel limit on calls in flight ({@code max-concurrency}): a batch waits here instead of opening sockets. */
public final class ChannelGates {
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();

    public void acquire(ChannelConfig channel) throws InterruptedException {
        gate(channel).acquire();
    }

    public void release(ChannelConfig channel) {
        gate(channel).release();
    }

    public int inFlight(ChannelConfig channel) {
        return channel.getMaxConcurrency() - gate(channel).availablePermits();
    }

    private Semaphore gate(ChannelConfig channel) {
        return gates.computeIfAbsent(channel.getName(), n -> new Semaphore(channel.getMaxConcurrency(), true));
    }
}
