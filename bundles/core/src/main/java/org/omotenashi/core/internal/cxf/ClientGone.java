package org.omotenashi.core.internal.cxf;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;

/**
 * A client that hung up before its answer was written, or before it sent the body it announced, is no
 * failure of the suite's: at most a DEBUG line, never an ERROR with a stack trace. As CXF's fault
 * listener it keeps CXF from logging such a fault ("unwinding now"); everything else CXF logs as before.
 */
public final class ClientGone implements FaultListener {
    public static final ClientGone LISTENER = new ClientGone();

    private ClientGone() {
    }

    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        return !causedBy(exception);
    }

    /** The web server's end-of-stream, a closed channel, or a reset or broken connection anywhere in the causes. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.eclipse.jetty.io.EofException") || t instanceof ClosedChannelException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof IOException && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
            // Jetty's answer when the body is read after the client closed the connection half-way.
            if (t instanceof IllegalStateException && message.startsWith("Parser is terminated")) {
                return true;
            }
        }
        return false;
    }
}
