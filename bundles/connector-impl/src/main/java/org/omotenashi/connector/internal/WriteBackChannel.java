package org.omotenashi.connector.internal;

import java.util.Set;

import org.omotenashi.connector.spi.FacilitySystemException;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.core.outbox.OutboxChannel;
import org.omotenashi.core.outbox.OutboxDelivery;
import org.omotenashi.core.outbox.SendResult;

/**
 * Sends one queued note through the instance's adapter. What the system cannot take now (down, slow, the
 * credentials refused until someone fixes them, the adapter not installed) is retried by the outbox; only an
 * answer that says the note itself will never be taken fails it at once.
 */
final class WriteBackChannel implements OutboxChannel {
    /** HTTP answers that refuse the note itself; any other failure may pass. */
    private static final Set<Integer> REFUSED_FOR_GOOD = Set.of(400, 409, 410, 422);

    /** Writes a note onto its item, on the instance's own worker. */
    @FunctionalInterface
    interface Writer {
        void write(StatusNote note) throws FacilitySystemException;
    }

    private final Writer writer;

    WriteBackChannel(Writer writer) {
        this.writer = writer;
    }

    @Override
    public SendResult send(OutboxDelivery delivery, String secret) {
        StatusNote note = WriteBackOutbox.note(delivery);
        try {
            writer.write(note);
            return SendResult.ok(null);
        } catch (FacilitySystemException e) {
            Integer status = e.statusCode();
            if (!e.retryable() && status != null && REFUSED_FOR_GOOD.contains(status)) {
                return new SendResult(false, status, e.getMessage(), true);
            }
            return SendResult.failed(status, e.getMessage());
        } catch (Unavailable e) {
            return SendResult.failed(null, e.getMessage());
        }
    }
}
