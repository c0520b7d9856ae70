package org.omotenashi.core.mail;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.mail.Authenticator;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

/** Sends one plain-text UTF-8 mail through an SMTP server; a failure is the caller's to retry. */
public final class PlainMail {
    private PlainMail() {
    }

    /**
     * @param headers extra headers, e.g. an id a receiver can drop repeats by
     * @throws MessagingException when the server refused or could not be reached
     */
    public static void send(SmtpServer server, List<String> to, String subject, String body, Map<String, String> headers)
            throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail finds its SMTP provider and the text/plain handler through the context class loader.
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            MimeMessage message = new MimeMessage(session(server));
            message.setFrom(new InternetAddress(server.from()));
            for (String recipient : to) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
            }
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            message.setSentDate(new Date());
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            Transport.send(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Session session(SmtpServer server) {
        Properties p = new Properties();
        p.put("mail.smtp.host", server.host());
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(server.timeoutMillis()));
        p.put("mail.smtp.timeout", Integer.toString(server.timeoutMillis()));
        p.put("mail.smtp.writetimeout", Integer.toString(server.timeoutMillis()));
        if (server.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (server.username() != null && !server.username().isBlank()) {
            p.put("mail.smtp.auth", "true");
            return Session.getInstance(p, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(server.username(), server.password());
                }
            });
        }
        return Session.getInstance(p);
    }
}
