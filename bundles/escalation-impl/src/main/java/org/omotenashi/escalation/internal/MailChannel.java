package org.omotenashi.escalation.internal;

import java.util.Date;
import java.util.Properties;
import javax.mail.Authenticator;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.escalation.api.Delivery;

/** Sends NOTIFY rows as plain-text mail through the configured SMTP server. */
final class MailChannel implements DeliveryChannel {
    private final MailConfig config;

    MailChannel(MailConfig config) {
        this.config = config;
    }

    @Override
    public Result send(Delivery delivery, String secret) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Jakarta Mail finds its SMTP provider and the text/plain handler through the context class loader.
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            JsonNode mail = Json.mapper().readTree(delivery.payload());
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(config.from()));
            for (JsonNode to : mail.get("to")) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to.asText()));
            }
            message.setSubject(mail.get("subject").asText(), "UTF-8");
            message.setText(mail.get("body").asText(), "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("X-Omotenashi-Delivery", delivery.id());
            Transport.send(message);
            return Result.ok(null);
        } catch (MessagingException | java.io.IOException e) {
            return Result.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.timeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.writetimeout", Integer.toString(config.timeoutMillis()));
        if (config.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (config.username() != null && !config.username().isBlank()) {
            p.put("mail.smtp.auth", "true");
            return Session.getInstance(p, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(config.username(), config._password());
                }
            });
        }
        return Session.getInstance(p);
    }
}
