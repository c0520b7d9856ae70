package org.omotenashi.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A large upload over a raw socket, as a hostile client sends it: the body is streamed (with a
 * Content-Length or chunked) while the answer is read, so a server that refuses early is seen to do so,
 * and how much of the body it had taken by then is counted. java.net.http cannot tell that apart.
 */
final class RawUpload {
    /** The answer, and how many body bytes the client had handed to the connection when it came. */
    record Answer(int status, String text, long bodyBytesSent) {
    }

    private RawUpload() {
    }

    /**
     * Sends {@code prefix}, then filler bytes, then {@code suffix}, {@code total} bytes in all.
     * @param chunked true for Transfer-Encoding: chunked, false for a Content-Length
     */
    static Answer send(int port, String path, String contentType, String prefix, String suffix, long total,
                       boolean chunked, Duration timeout, String... headers) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Content-Type: " + contentType + "\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + total + "\r\n").append("\r\n");
            AtomicLong sent = new AtomicLong();
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> writeBody(out, prefix, suffix, total, chunked, sent), "raw-upload");
            writer.setDaemon(true);
            writer.start();
            String answer = readAnswer(socket.getInputStream());
            long sentWhenAnswered = sent.get();
            socket.close();
            writer.join(timeout.toMillis());
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Answer(status, answer, sentWhenAnswered);
        }
    }

    /** One JSON POST with a Host header of the caller's choosing; the whole answer as text. */
    static String sendWithHost(int port, String host, String path, String authorization, String json) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    private static void writeBody(OutputStream out, String prefix, String suffix, long total, boolean chunked,
                                  AtomicLong sent) {
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        try {
            write(out, start, start.length, chunked, sent);
            long middle = total - start.length - end.length;
            while (middle > 0) {
                int n = (int) Math.min(filler.length, middle);
                write(out, filler, n, chunked, sent);
                middle -= n;
            }
            write(out, end, end.length, chunked, sent);
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server closed the connection: it has stopped reading, which is the point
        }
    }

    private static void write(OutputStream out, byte[] bytes, int length, boolean chunked, AtomicLong sent) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, length);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        sent.addAndGet(length);
    }

    /** The status line, headers and body up to Content-Length (or the end of a chunked answer, or close). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                continue;
            }
            String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
            int length = head.indexOf("content-length:");
            if (length >= 0) {
                int declared = Integer.parseInt(head.substring(length + 15).split("\r\n", 2)[0].strip());
                if (bytes.size() >= headEnd + 4 + declared) {
                    break;
                }
            } else if (head.contains("transfer-encoding: chunked") && text.endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
