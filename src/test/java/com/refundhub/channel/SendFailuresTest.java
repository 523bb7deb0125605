package com.refundhub.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLHandshakeException;
import org.apache.camel.RuntimeCamelException;
import org.apache.hc.client5.http.ConnectExceptionSupport;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Not delivered (the connection could not be made: nothing left) versus an unknown outcome (the request may have
 * arrived), told apart by the exception types of Apache HttpClient 5 as camel-http uses it: first the types, then each
 * case as the real client throws it over real loopback sockets.
 */
class SendFailuresTest {

    @Nested
    class ByType {
        private final NamedEndpoint provider = new org.apache.hc.core5.http.HttpHost("http", "provider.example", 443);

        @Test
        void aRefusedConnectionWasNotDelivered() {
            IOException refused = ConnectExceptionSupport.enhance(new ConnectException("Connection refused"), provider);
            assertThat(refused).isInstanceOf(HttpHostConnectException.class);
            assertThat(SendFailures.notDelivered(refused)).isTrue();
            assertThat(SendFailures.notDelivered(new ConnectException("Connection refused"))).isTrue();
        }

        @Test
        void aConnectTimeoutWasNotDeliveredThoughItIsASocketTimeoutException() {
            IOException timedOut = ConnectExceptionSupport.enhance(new SocketTimeoutException("Connect timed out"), provider);
            assertThat(timedOut).isInstanceOf(ConnectTimeoutException.class).isInstanceOf(SocketTimeoutException.class);
            assertThat(SendFailures.notDelivered(timedOut)).isTrue();
            // the kernel's own "Connection timed out" (ETIMEDOUT on connect) becomes one too
            assertThat(SendFailures.notDelivered(ConnectExceptionSupport.enhance(
                    new ConnectException("Connection timed out"), provider))).isTrue();
        }

        @Test
        void anUnknownHostWasNotDelivered() {
            assertThat(SendFailures.notDelivered(new UnknownHostException("provider.invalid"))).isTrue();
        }

        @Test
        void noRouteToTheHostWasNotDelivered() {
            assertThat(SendFailures.notDelivered(new NoRouteToHostException("No route to host"))).isTrue();
        }

        @Test
        void noConnectionOfThePoolInTimeWasNotDelivered() {
            assertThat(SendFailures.notDelivered(new ConnectionRequestTimeoutException("Timeout deadline"))).isTrue();
        }

        @Test
        void aReadTimeoutIsUnknown() {
            assertThat(SendFailures.notDelivered(new SocketTimeoutException("Read timed out"))).isFalse();
        }

        @Test
        void noAnswerAfterTheRequestIsUnknown() {
            assertThat(SendFailures.notDelivered(new NoHttpResponseException("The target server failed to respond"))).isFalse();
            assertThat(SendFailures.notDelivered(new ConnectionClosedException("Premature end of chunk"))).isFalse();
        }

        @Test
        void aResetOrBrokenConnectionIsUnknown() {
            assertThat(SendFailures.notDelivered(new SocketException("Connection reset"))).isFalse();
            assertThat(SendFailures.notDelivered(new SocketException("Broken pipe"))).isFalse();
        }

        @Test
        void aTlsFailureAndAnythingElseIsUnknown() {
            assertThat(SendFailures.notDelivered(new SSLHandshakeException("handshake"))).isFalse();
            assertThat(SendFailures.notDelivered(new IOException("something"))).isFalse();
            assertThat(SendFailures.notDelivered(new IllegalStateException("no I/O at all"))).isFalse();
        }

        @Test
        void theClientsExceptionIsFoundInsideCamelsWrapperButNotUnderAnotherIoException() {
            assertThat(SendFailures.notDelivered(new RuntimeCamelException(
                    ConnectExceptionSupport.enhance(new ConnectException("Connection refused"), provider)))).isTrue();
            // an I/O failure that merely mentions a connect failure as its cause is not proof: unknown
            assertThat(SendFailures.notDelivered(new IOException("stream failed", new ConnectException("refused")))).isFalse();
        }
    }

    /**
     * The real HttpClient 5 (no retries, no redirects, as the hub configures camel-http) against loopback sockets that
     * act out each case; each test asserts the exception the client really throws and how it is classified.
     */
    @Nested
    class OverRealSockets {
        private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

        @AfterEach
        void close() throws Exception {
            for (AutoCloseable c : open) {
                c.close();
            }
        }

        @Test
        void aClosedPortRefusesTheConnection() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Throwable e = post("http://127.0.0.1:" + port + "/refund");
            assertThat(e).isInstanceOf(HttpHostConnectException.class);
            assertThat(SendFailures.notDelivered(e)).isTrue();
        }

        @Test
        void aListenerWithAFullBacklogTimesTheConnectOut() throws Exception {
            ServerSocket full = new ServerSocket();
            full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            open.add(full);
            fillBacklog(full.getLocalPort());
            Throwable e = post("http://127.0.0.1:" + full.getLocalPort() + "/refund");
            assertThat(e).isInstanceOf(ConnectTimeoutException.class);
            assertThat(SendFailures.notDelivered(e)).isTrue();
        }

        @Test
        void anUnknownHostIsNotConnectedTo() {
            Throwable e = post("http://no-such-provider.invalid/refund");
            assertThat(e).isInstanceOf(UnknownHostException.class);
            assertThat(SendFailures.notDelivered(e)).isTrue();
        }

        @Test
        void noAnswerWithinTheReadTimeoutIsUnknown() throws Exception {
            int port = server((request, out) -> sleep(5_000));
            Throwable e = post("http://127.0.0.1:" + port + "/refund");
            assertThat(e).isInstanceOf(SocketTimeoutException.class).isNotInstanceOf(ConnectTimeoutException.class);
            assertThat(SendFailures.notDelivered(e)).isFalse();
        }

        @Test
        void aConnectionClosedAfterTheRequestWithoutAnAnswerIsUnknown() throws Exception {
            int port = server((request, out) -> { });   // reads the request, closes
            Throwable e = post("http://127.0.0.1:" + port + "/refund");
            assertThat(e).isInstanceOf(NoHttpResponseException.class);
            assertThat(SendFailures.notDelivered(e)).isFalse();
        }

        @Test
        void aConnectionResetAfterTheRequestIsUnknown() throws Exception {
            int port = server((request, out) -> reset(request));
            Throwable e = post("http://127.0.0.1:" + port + "/refund");
            assertThat(e).isInstanceOf(IOException.class);
            assertThat(SendFailures.notDelivered(e)).isFalse();
        }

        @Test
        void aPooledConnectionThatBreaksWhenReusedIsUnknown() throws Exception {
            List<String> requests = new CopyOnWriteArrayList<>();
            int port = server((request, out) -> {
                // the first request is answered and the connection kept alive; the second, on it, breaks it
                requests.add("first");
                write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
                readRequest(request);
                requests.add("second, on the same connection");
                reset(request);
            });
            try (CloseableHttpClient client = client()) {
                String first = client.execute(request("http://127.0.0.1:" + port + "/refund"),
                        r -> EntityUtils.toString(r.getEntity()));
                assertThat(first).isEqualTo("{}");
                Throwable e = catchThrowable(() -> client.execute(request("http://127.0.0.1:" + port + "/refund"),
                        r -> EntityUtils.toString(r.getEntity())));
                assertThat(requests).as("the second request reached the server over the pooled connection")
                        .containsExactly("first", "second, on the same connection");
                assertThat(e).isInstanceOf(IOException.class);
                assertThat(SendFailures.notDelivered(e)).isFalse();
            }
        }

        // ---- the client and the sockets ----

        private Throwable post(String url) {
            try (CloseableHttpClient client = client()) {
                return catchThrowable(() -> client.execute(request(url), r -> EntityUtils.toString(r.getEntity())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private CloseableHttpClient client() {
            return HttpClients.custom().disableAutomaticRetries().disableRedirectHandling()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofMilliseconds(500))
                                    .setSocketTimeout(Timeout.ofMilliseconds(1000)).build()).build())
                    .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMilliseconds(1000)).build())
                    .build();
        }

        private HttpPost request(String url) {
            HttpPost post = new HttpPost(url);
            post.setEntity(new StringEntity("{\"refundNo\":\"R-1\"}", StandardCharsets.UTF_8));
            return post;
        }

        /** A loopback server: each connection's request is read, then {@code behaviour} acts on it; then it is closed. */
        private int server(BiConsumer<Socket, OutputStream> behaviour) throws IOException {
            ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            open.add(server);
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        readRequest(s);
                        behaviour.accept(s, s.getOutputStream());
                    } catch (IOException | RuntimeException e) {
                        // closed at the end of the test, or the client went away
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            return server.getLocalPort();
        }

        /** Connects until the listener's accept queue is full: further connects then get no answer at all. */
        private void fillBacklog(int port) throws IOException {
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    open.add(s);
                } catch (SocketTimeoutException full) {
                    s.close();
                    return;
                }
            }
            throw new IllegalStateException("the backlog of port " + port + " never filled");
        }
    }

    /** Reads one request: headers, then Content-Length bytes of body. */
    static void readRequest(Socket s) {
        try {
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                head.append((char) b);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.readNBytes(length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, String response) {
        try {
            out.write(response.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes with RST (SO_LINGER 0) instead of FIN. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
