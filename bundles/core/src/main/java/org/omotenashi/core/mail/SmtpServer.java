package org.omotenashi.core.mail;

/**
 * Where and how to send mail: host, port, sender, credentials (none when {@code username} is blank), whether
 * STARTTLS is required, and how long to wait for the server.
 */
public record SmtpServer(String host, int port, String from, String username, String password, boolean startTls,
                         int timeoutMillis) {
    @Override
    public String toString() {
        // Never the password: settings end up in log lines.
        return "smtp://" + host + ":" + port + (startTls ? " (STARTTLS)" : "") + " from " + from;
    }
}
