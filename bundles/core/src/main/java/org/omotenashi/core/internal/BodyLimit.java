package org.omotenashi.core.internal;

import java.io.IOException;
import java.util.function.LongSupplier;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.omotenashi.core.problem.ProblemException;

/**
 * The one body limit of every address the suite serves (REST, SOAP, the survey page), in front of them
 * all. A body whose Content-Length is over the limit is refused before a byte of it is read; a chunked
 * body is counted while it is read and fails at the limit, so no endpoint ever buffers more than the
 * limit. The limit is read for each request, so a changed configuration applies at once.
 */
final class BodyLimit implements Filter {
    private final LongSupplier maxBytes;

    BodyLimit(LongSupplier maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        long max = maxBytes.getAsLong();
        if (request.getContentLengthLong() > max) {
            EarlyAnswers.refuse(request, (HttpServletResponse) res, tooLarge(max));
            return;
        }
        chain.doFilter(new Limited(request, max), res);
    }

    static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "Payload too large", "The body must not exceed " + maxBytes + " bytes.");
    }

    /** The request with its body counted as the endpoint reads it. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountedStream(super.getInputStream(), max);
            }
            return counted;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "ISO-8859-1" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    /** Fails with the 413 problem as soon as more than the limit has been read. */
    private static final class CountedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        CountedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException(tooLarge(max));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
