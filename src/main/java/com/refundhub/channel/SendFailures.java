package com.refundhub.channel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Tells a provider call that failed before anything was written (not delivered) from one that failed after the request
 * may have reached the provider (an unknown outcome), by the exception types of Apache HttpClient 5 as camel-http uses
 * it and of the JDK they wrap.
 *
 * <p>Not delivered, because each is thrown before a connection exists, so no byte of the request left:
 * <ul>
 *   <li>{@code HttpHostConnectException} (a {@link ConnectException}): connection refused, or any other failure of
 *       {@code connect()} HttpClient reports so; a bare {@link ConnectException} likewise;</li>
 *   <li>{@link ConnectTimeoutException}: no connection within the channel's connect timeout (HttpClient turns
 *       {@code connect()}'s {@code SocketTimeoutException} into it; it <em>extends</em> SocketTimeoutException, so it
 *       is told apart by its own type, never by its parent's);</li>
 *   <li>{@link UnknownHostException}: the provider's host name does not resolve;</li>
 *   <li>{@link NoRouteToHostException}: the JDK throws it from {@code connect()} only;</li>
 *   <li>{@link ConnectionRequestTimeoutException}: no connection of the pool came free in time;</li>
 *   <li>any failure of the TLS handshake HttpClient runs while it connects, before it writes a request
 *       ({@code SSLConnectionSocketFactory.executeHandshake} on the failure's stack): the provider's certificate does
 *       not verify, or the provider refused the client's certificate or its absence. It is an
 *       {@code SSLHandshakeException}, or, when the provider closes first, a {@code SocketException} (broken pipe,
 *       reset) thrown from inside the handshake (SPEC §11: a handshake that fails is a connection not made).</li>
 * </ul>
 * Everything else is an unknown outcome, and stays one: a read timeout ({@code SocketTimeoutException}), a connection
 * closed or reset after the request was written ({@code NoHttpResponseException}, {@code SocketException}, a pooled
 * connection that broke when it was reused), a TLS failure other than a handshake's, and any exception not named above.
 */
public final class SendFailures {
    private SendFailures() {
    }

    /** True only when {@code failure} proves the request never left; when unsure, false (an unknown outcome). */
    public static boolean notDelivered(Throwable failure) {
        IOException io = firstIoException(failure);
        if (io == null) {
            return false;
        }
        return io instanceof ConnectTimeoutException
                || io instanceof ConnectException
                || io instanceof UnknownHostException
                || io instanceof NoRouteToHostException
                || io instanceof ConnectionRequestTimeoutException
                || duringTheHandshake(io);
    }

    private static final String HANDSHAKE_CLASS = "org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory";

    /** Thrown by the handshake HttpClient runs on connecting (a renegotiation later has no such frame). */
    private static boolean duringTheHandshake(IOException io) {
        for (StackTraceElement frame : io.getStackTrace()) {
            if (frame.getClassName().equals(HANDSHAKE_CLASS) && frame.getMethodName().equals("executeHandshake")) {
                return true;
            }
        }
        return false;
    }

    /** The outermost I/O failure: Camel may wrap the client's exception, never the other way round. */
    private static IOException firstIoException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
