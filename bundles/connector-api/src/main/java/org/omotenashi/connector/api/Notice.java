package org.omotenashi.connector.api;

/**
 * A facility system's webhook saying that an item changed, exactly as it arrived: the Standard Webhooks headers
 * and the body's bytes, which the signature covers. The body is {@code {"externalId": "<the item's id>"}}.
 *
 * @param id        the {@code webhook-id} header
 * @param timestamp the {@code webhook-timestamp} header (seconds since the epoch)
 * @param signature the {@code webhook-signature} header
 * @param body      the request body
 */
public record Notice(String id, String timestamp, String signature, byte[] body) {
}
