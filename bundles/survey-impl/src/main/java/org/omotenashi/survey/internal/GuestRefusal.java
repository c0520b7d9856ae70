package org.omotenashi.survey.internal;

import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.Language;

import java.util.List;

/**
 * A refused guest action (unknown, expired or answered token, missing answer) that remembers the
 * invitation's language, so the guest page can say so in it. REST renders it like any problem.
 */
final class GuestRefusal extends ProblemException {
    private static final long serialVersionUID = 1L;

    enum Reason { UNKNOWN, EXPIRED, ANSWERED, INVALID }

    private final transient Language language;
    private final Reason reason;

    private GuestRefusal(int status, String title, String detail, List<FieldError> errors, Reason reason, Language language) {
        super(status, title, detail, errors);
        this.reason = reason;
        this.language = language;
    }

    static GuestRefusal unknown() {
        return new GuestRefusal(404, "Not found", "This survey link is not known.", List.of(), Reason.UNKNOWN, null);
    }

    static GuestRefusal expired(Language language) {
        return new GuestRefusal(410, "Gone", "This survey link has expired.", List.of(), Reason.EXPIRED, language);
    }

    static GuestRefusal answered(Language language) {
        return new GuestRefusal(409, "Conflict", "This survey has already been answered.", List.of(), Reason.ANSWERED, language);
    }

    static GuestRefusal invalid(List<FieldError> errors, Language language) {
        return new GuestRefusal(400, "Invalid request",
                errors.size() == 1 ? "One answer is missing or invalid." : errors.size() + " answers are missing or invalid.",
                errors, Reason.INVALID, language);
    }

    Reason reason() {
        return reason;
    }

    /** The invitation's language, or null when the token is unknown. */
    Language language() {
        return language;
    }
}
