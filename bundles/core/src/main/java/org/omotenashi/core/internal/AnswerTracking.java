package org.omotenashi.core.internal;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/** Notes whether anything answered a request: a status, an error, a redirect or a body. */
final class AnswerTracking extends HttpServletResponseWrapper {
    private boolean answered;

    AnswerTracking(HttpServletResponse response) {
        super(response);
    }

    boolean answered() {
        return answered || isCommitted();
    }

    @Override
    public void setStatus(int status) {
        answered = true;
        super.setStatus(status);
    }

    @Override
    public void sendError(int status) throws IOException {
        answered = true;
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        answered = true;
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        answered = true;
        super.sendRedirect(location);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        answered = true;
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        answered = true;
        return super.getWriter();
    }
}
