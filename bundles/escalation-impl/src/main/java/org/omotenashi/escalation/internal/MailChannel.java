package org.omotenashi.escalation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.mail.MessagingException;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.mail.PlainMail;
import org.omotenashi.core.mail.SmtpServer;
import org.omotenashi.core.outbox.OutboxChannel;
import org.omotenashi.core.outbox.OutboxDelivery;
import org.omotenashi.core.outbox.SendResult;

/** Sends NOTIFY rows as plain-text mail through the configured SMTP server. */
final class MailChannel implements OutboxChannel {
    private final SmtpServer server;

    MailChannel(MailConfig config) {
        this.server = new SmtpServer(config.host(), config.port(), config.from(), config.username(), config._password(),
                config.startTls(), config.timeoutMillis());
    }

    @Override
    public SendResult send(OutboxDelivery delivery, String secret) {
        try {
            JsonNode mail = Json.mapper().readTree(delivery.payload());
            List<String> to = new ArrayList<>();
            mail.get("to").forEach(address -> to.add(address.asText()));
            PlainMail.send(server, to, mail.get("subject").asText(), mail.get("body").asText(),
                    Map.of("X-Omotenashi-Delivery", delivery.id()));
            return SendResult.ok(null);
        } catch (MessagingException | java.io.IOException e) {
            return SendResult.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
