package com.refundhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP port in front of another (PostgreSQL, a provider), relaying byte for byte, or acting out what a
 * network does to a server that is going away:
 * <ul>
 *   <li>{@link Mode#PASS}: relays, each chunk after {@link #delay} ms (0 by default): a slow database;</li>
 *   <li>{@link Mode#CUT}: every connection is closed at once and new ones are closed as soon as accepted (what a server
 *       that stopped, or a broken network, looks like to a client);</li>
 *   <li>{@link Mode#STALL}: connections stay open and new ones are accepted, but no byte goes through either way (a
 *       server that hangs, a network that drops packets): the client's own timeouts must end the wait.</li>
 * </ul>
 * Going from STALL or CUT back to PASS relays again on the connections that are still open; what was held back during
 * STALL is then delivered.
 */
public final class TcpProxy implements AutoCloseable {
    public enum Mode { PASS, CUT, STALL }

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;

    private TcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A proxy on a free loopback port, relaying to {@code targetPort} on loopback. */
    public static TcpProxy start(int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TcpProxy p = new TcpProxy(listener, targetPort);
        p.threads.execute(p::accept);
        return p;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since start. */
    public int accepted() {
        return accepted.get();
    }

    public Mode mode() {
        return mode;
    }

    /** Switches mode; CUT closes every connection open now. */
    public void set(Mode next) {
        mode = next;
        if (next == Mode.CUT) {
            sockets.forEach(TcpProxy::closeQuietly);
            sockets.clear();
        }
    }

    /** Each chunk relayed waits this long first (in PASS mode): a slow database or network. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (mode == Mode.CUT) {
                closeQuietly(client);
                continue;
            }
            threads.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            sockets.add(client);
            sockets.add(server);
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            if (mode == Mode.CUT) {
                throw new SocketException("cut");
            }
            threads.execute(() -> pump(client, server));
            pump(server, client);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                while (mode == Mode.STALL) {
                    Thread.sleep(20);
                }
                if (mode == Mode.CUT) {
                    break;
                }
                long delay = delayMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: close the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        set(Mode.CUT);
        threads.shutdownNow();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
