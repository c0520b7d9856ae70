package org.omotenashi.survey.api;

import java.time.Instant;

/**
 * A sent invitation. The token is only ever handed out here: the store keeps a hash of it.
 *
 * @param url the guest's page for this invitation
 */
public record IssuedInvitation(String invitationId, String token, String url, Instant expiresAt) {
}
