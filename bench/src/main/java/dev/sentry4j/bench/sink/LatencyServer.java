package dev.sentry4j.bench.sink;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 that answers every request {@code 200} after a fixed
 * latency, standing in for a Sentry that is a round trip away. One thread per connection (clients
 * open as many connections as they want requests in flight), keep-alive, {@code Content-Length} and
 * chunked request bodies, and {@code TCP_NODELAY} on every socket: the JDK's HttpServer writes
 * headers and body apart, and with Nagle's algorithm the client's delayed ACK would cap a
 * sequential client near 25 requests/s, hiding the client's own behaviour. An {@code Upgrade: h2c}
 * offer is ignored (HTTP/1.1 answers), as many servers do.
 *
 * <p>Thread-safe. All threads are daemons.
 */
final class LatencyServer implements AutoCloseable {
  /** What the server does with a request once it has answered it. */
  interface Received {
    void received(String contentEncoding, byte[] body);
  }

  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

  private final ServerSocket server;
  private final long latencyMillis;
  private final Received received;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  private LatencyServer(ServerSocket server, long latencyMillis, Received received) {
    this.server = server;
    this.latencyMillis = latencyMillis;
    this.received = received;
  }

  static LatencyServer start(long latencyMillis, Received received) throws IOException {
    ServerSocket socket = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    LatencyServer s = new LatencyServer(socket, latencyMillis, received);
    Thread acceptor = new Thread(s::acceptLoop, "bench-latency-sink-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return s;
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(socket);
      Thread t =
          new Thread(() -> serve(socket), "bench-latency-sink-" + connections.incrementAndGet());
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        String head = readHead(in);
        if (head == null) {
          return; // the client closed the connection
        }
        String lower = head.toLowerCase(Locale.ROOT);
        String encoding = header(head, lower, "content-encoding");
        byte[] body;
        if ("chunked".equalsIgnoreCase(header(head, lower, "transfer-encoding"))) {
          body = readChunked(in);
        } else {
          String length = header(head, lower, "content-length");
          body = readExactly(in, length == null ? 0 : Integer.parseInt(length.trim()));
        }
        if (latencyMillis > 0) {
          Thread.sleep(latencyMillis);
        }
        byte[] answer =
            "{\"id\":\"00000000000000000000000000000000\"}".getBytes(StandardCharsets.UTF_8);
        boolean close = "close".equalsIgnoreCase(header(head, lower, "connection"));
        String response =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + answer.length
                + (close ? "\r\nConnection: close" : "")
                + "\r\n\r\n";
        ByteArrayOutputStream whole = new ByteArrayOutputStream(response.length() + answer.length);
        whole.writeBytes(response.getBytes(StandardCharsets.US_ASCII));
        whole.writeBytes(answer);
        out.write(whole.toByteArray()); // one write: headers and body in one segment
        out.flush();
        received.received(encoding, body);
        if (close) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // connection reset or malformed request: drop the connection, as a server would
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
    }
  }

  /** The request line and headers up to the blank line, or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      if (head.size() > MAX_HEADER_BYTES) {
        throw new IOException("request head too large");
      }
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4
          || (matched == 2 && head.size() >= 2 && b == '\n' && lastTwoAreNewlines(head))) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
  }

  private static boolean lastTwoAreNewlines(ByteArrayOutputStream head) {
    byte[] h = head.toByteArray();
    return h.length >= 2 && h[h.length - 1] == '\n' && h[h.length - 2] == '\n';
  }

  private static String header(String head, String lower, String name) {
    int i = lower.indexOf("\n" + name + ":");
    if (i < 0) {
      return null;
    }
    int start = i + name.length() + 2;
    int end = head.indexOf('\r', start);
    if (end < 0) {
      end = head.indexOf('\n', start);
    }
    return head.substring(start, end < 0 ? head.length() : end).trim();
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    if (n < 0 || n > MAX_BODY_BYTES) {
      throw new IOException("bad content length " + n);
    }
    byte[] body = in.readNBytes(n);
    if (body.length != n) {
      throw new IOException("body cut short");
    }
    return body;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int semi = line.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.writeBytes(readExactly(in, size));
      readLine(in); // CRLF after the chunk
      if (body.size() > MAX_BODY_BYTES) {
        throw new IOException("body too large");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("end of stream in a chunked body");
      }
      if (b == '\n') {
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r'
            ? line.substring(0, len - 1)
            : line.toString();
      }
      line.append((char) b);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
