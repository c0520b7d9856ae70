package org.omotenashi.survey.api;

import java.time.Duration;

/**
 * Who to ask about what.
 *
 * @param validFor how long the link works; null for the configured default
 */
public record NewInvitation(String customerId, String contactEmail, Language language, Subject subject,
                            Duration validFor) {
}
