package com.refundhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook in front of one simulator: a loopback port a channel's {@code base-url} points at, relaying every
 * connection byte for byte to the sandbox, or acting out an outage of the provider behind it:
 * <ul>
 *   <li>{@link Mode#DOWN}: nothing listens on the port and every connection is dropped (a new one is refused); the
 *       port stays bound, not listening, so that no other socket takes it meanwhile;</li>
 *   <li>{@link Mode#BLACKHOLE}: the port listens but its accept queue is full, so a connection attempt gets no answer
 *       and times out (what an unroutable address does, reliably on loopback);</li>
 *   <li>{@link Mode#HTTP_503}: a gateway that reads each request and answers 503 without passing it on.</li>
 * </ul>
 * Switching mode drops the connections made before, as a provider's restart would. Lives in the test's process, so it
 * outlives a hub that is killed.
 */
public final class ProviderSwitch implements AutoCloseable {
    public enum Mode { UP, DOWN, BLACKHOLE, HTTP_503 }

    private final int port;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "provider-switch");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Socket> backlogFillers = new CopyOnWriteArrayList<>();
    private final AtomicInteger relayed = new AtomicInteger();
    private final AtomicInteger gatewayAnswers = new AtomicInteger();
    private volatile Mode mode = Mode.DOWN;
    private ServerSocket listener;
    /** holds the port while nothing listens on it: a bound socket that does not listen refuses connections */
    private Socket reserved;

    private ProviderSwitch(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** A switch on a free loopback port, relaying to {@code targetPort}, in {@code mode}. */
    public static ProviderSwitch start(int targetPort, Mode mode) throws IOException {
        ProviderSwitch s = new ProviderSwitch(HubTestSupport.freePort(), targetPort);
        s.set(mode);
        return s;
    }

    public int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    /** Connections relayed to the sandbox so far. */
    public int relayed() {
        return relayed.get();
    }

    /** Requests answered 503 by the gateway so far. */
    public int gatewayAnswers() {
        return gatewayAnswers.get();
    }

    public synchronized void set(Mode next) throws IOException {
        closeListener();
        for (Socket s : sockets) {
            quietly(s);
        }
        sockets.clear();
        mode = next;
        switch (next) {
            case DOWN -> reserve();
            case BLACKHOLE -> blackhole();
            default -> listen();
        }
    }

    private void reserve() throws IOException {
        Socket holder = new Socket();
        holder.setReuseAddress(true);
        bind(() -> holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        reserved = holder;
    }

    private void listen() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        bind(() -> server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128));
        listener = server;
        threads.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    sockets.add(client);
                    threads.submit(() -> serve(client));
                } catch (IOException e) {
                    return;   // closed by set()
                }
            }
        });
    }

    /** Listens with an accept queue of one and fills it: further connects get no SYN-ACK until they time out. */
    private void blackhole() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        bind(() -> server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1));
        listener = server;
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                backlogFillers.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return;
            }
        }
        throw new IllegalStateException("the accept queue of port " + port + " never filled");
    }

    private interface Binding {
        void bind() throws IOException;
    }

    /** The socket closed a moment ago may still hold the port while its accepting thread wakes up: try again briefly. */
    private static void bind(Binding binding) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                binding.bind();
                return;
            } catch (java.net.BindException e) {
                if (attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (mode == Mode.HTTP_503) {
                readRequest(client.getInputStream());
                gatewayAnswers.incrementAndGet();
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\nContent-Length: 19\r\n"
                        + "Connection: close\r\n\r\n<html>busy</html>\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                quietly(client);
                return;
            }
            Socket sandbox = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(sandbox);
            relayed.incrementAndGet();
            threads.submit(() -> pipe(sandbox, client));
            pipe(client, sandbox);
        } catch (IOException e) {
            quietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side went away
        } finally {
            quietly(from);
            quietly(to);
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before a whole request");
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    private void closeListener() {
        if (reserved != null) {
            quietly(reserved);
            reserved = null;
        }
        if (listener != null) {
            quietly(listener);
            listener = null;
        }
        for (Socket s : backlogFillers) {
            quietly(s);
        }
        backlogFillers.clear();
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        closeListener();
        sockets.forEach(ProviderSwitch::quietly);
        threads.shutdownNow();
    }
}
