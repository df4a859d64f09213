package org.neuroracle.daoserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http cannot do: choose the client's source address (another
 * loopback address is another client to the rate limiter), keep one connection for many requests, and send a
 * request slowly or not at all.
 */
final class RawHttp implements AutoCloseable {
    record Response(int status, Map<String, String> headers, String body) {}

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(String sourceAddress, int port, int readTimeoutMs) throws IOException {
        socket = new Socket();
        if (sourceAddress != null) socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(readTimeoutMs);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    void writeRaw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    Response post(String path, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + b.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        out.write(all);
        out.flush();
        return read();
    }

    Response get(String path) throws IOException {
        writeRaw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        return read();
    }

    /** One response (content-length or chunked); null when the server closed the connection first. */
    Response read() throws IOException {
        String status = line();
        if (status == null) return null;
        Map<String, String> headers = new TreeMap<>();
        for (String l; (l = line()) != null && !l.isEmpty(); ) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int n; (n = Integer.parseInt(line().trim(), 16)) > 0; ) {
                body.write(in.readNBytes(n));
                line();
            }
            line();
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    /** Whether the server has closed the connection (reads until end of stream, discarding any answer). */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) { /* an answer (408) before the close is fine */ }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset by the server
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') return sb.toString().replace("\r", "");
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override public void close() throws IOException { socket.close(); }
}
