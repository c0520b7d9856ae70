package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;

/**
 * Invitations: each with a one-time token for the guest's link, sparing a contact who was invited
 * recently (the fatigue window), and the guest's view of an invitation while it can still be answered.
 */
final class Invitations {
    private final DataSource dataSource;
    private final Clock clock;
    private final SurveyEvents events;
    private final Supplier<StoredSurveyService.Settings> settings;
    private final DefinitionStore definitions;
    private final InvitationStore store;
    private final DayRollup days;
    private final TimelineStore timeline;

    Invitations(DataSource dataSource, Clock clock, SurveyEvents events, Supplier<StoredSurveyService.Settings> settings,
                DefinitionStore definitions, InvitationStore store, DayRollup days, TimelineStore timeline) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.definitions = definitions;
        this.store = store;
        this.days = days;
        this.timeline = timeline;
    }

    /** An invitation sent, or why the fatigue rule kept it back (then nothing was written). */
    record Attempt(IssuedInvitation issued, String refusal) {
    }

    /** An invitation asked for directly, in a transaction of its own. */
    IssuedInvitation invite(String surveyId, NewInvitation request) {
        check(request);
        Attempt attempt = Transactions.inTransaction(dataSource, c -> inviteOn(c, surveyId, request, null, null, false),
                duplicate -> {
                    throw ProblemException.conflict("This contact was invited at the same moment by another request.");
                });
        if (attempt.issued() == null) {
            throw ProblemException.conflict(attempt.refusal());
        }
        return attempt.issued();
    }

    /**
     * Invites in the caller's transaction: the invitation, its day counts, its timeline row and its event commit
     * with the caller's work or not at all. The request must have passed {@link #check}.
     *
     * @param topic the event that triggered an automatic invitation, null for one asked for directly
     * @param by    who invited, for the timeline; null when the caller is not known
     * @param mail  queue the link for mailing to the contact (automatic invitations: nobody else has it)
     */
    Attempt inviteOn(Connection c, String surveyId, NewInvitation request, String topic, String by, boolean mail)
            throws SQLException {
        StoredSurveyService.Settings now = settings.get();
        Instant at = clock.instant();
        Duration validFor = request.validFor() == null ? now.validFor() : request.validFor();
        String contact = request.contactEmail().strip().toLowerCase(Locale.ROOT);
        String token = InvitationTokens.newToken();
        Survey survey = definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
        if (!now.fatigue().isZero() && !store.claimContact(c, contact, at, at.minus(now.fatigue()))) {
            Instant last = store.lastInvited(c, contact).orElse(at);
            return new Attempt(null, "This contact was invited to a survey on " + last + "; to spare them, nobody "
                    + "invites them again before " + last.plus(now.fatigue()) + ".");
        }
        InvitationStore.Invitation i = new InvitationStore.Invitation(UUID.randomUUID().toString(), surveyId,
                survey.version(), request.customerId().strip(), request.language(), request.subject(), at,
                at.plus(validFor), null);
        Periods.Keys period = Periods.of(at, now.zone());
        store.insertInvitation(c, i, InvitationTokens.hash(token), contact, period, topic);
        days.addToDays(c, surveyId, List.of(new DayRollup.DayCounts(period, Scorecard.Counts.invited(false))));
        timeline.insertActivities(c, List.of(new TimelineStore.Activity(i.customerId(), at,
                TimelineStore.Activity.INVITED, surveyId, i.id(), i.subject(), null, null, null, by, null, topic)));
        if (mail) {
            store.queueMail(c, i, contact, survey.name(), url(now, token), at);
        }
        events.invited(c, i.id(), surveyId, i.surveyVersion(), i.customerId(), i.subject(), i.language());
        return new Attempt(new IssuedInvitation(i.id(), token, url(now, token), i.expiresAt()), null);
    }

    /**
     * Records, in the caller's transaction, an automatic invitation that was not sent and why: on the customer's
     * timeline and as an event, so it is never silently dropped.
     */
    void skip(Connection c, String surveyId, String customerId, Subject subject, String reason, String topic)
            throws SQLException {
        timeline.insertActivities(c, List.of(new TimelineStore.Activity(customerId, clock.instant(),
                TimelineStore.Activity.SKIPPED, surveyId, null, subject, null, null, null, null, reason, topic)));
        events.skipped(c, surveyId, customerId, subject, reason, topic);
    }

    static String url(StoredSurveyService.Settings settings, String token) {
        String base = settings.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/survey/" + token;
    }

    /** Throws one 400 naming every invalid field of the request. */
    static void check(NewInvitation r) {
        List<FieldError> errors = new ArrayList<>();
        SurveyRules.required(errors, "customerId", r.customerId(), SurveyRules.ID);
        SurveyRules.required(errors, "contactEmail", r.contactEmail(), SurveyRules.EMAIL);
        if (r.contactEmail() != null && !r.contactEmail().isBlank() && !SurveyRules.isEmailShaped(r.contactEmail())) {
            errors.add(new FieldError("contactEmail", "must be an e-mail address"));
        }
        if (r.language() == null) {
            errors.add(new FieldError("language", "is required: nl or en"));
        }
        if (r.subject() == null) {
            errors.add(new FieldError("subject", "is required: {type, ref}"));
        } else {
            SurveyRules.required(errors, "subject.type", r.subject().type(), 50);
            SurveyRules.required(errors, "subject.ref", r.subject().ref(), SurveyRules.REF);
        }
        if (r.validFor() != null && (r.validFor().isNegative() || r.validFor().isZero() || r.validFor().toDays() > 365)) {
            errors.add(new FieldError("validDays", "must be from 1 to 365 days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    GuestForm open(String token) {
        return Transactions.read(dataSource, c -> {
            InvitationStore.Invitation i = usable(c, token);
            Survey survey = definitions.version(c, i.surveyId(), i.surveyVersion()).orElseThrow(GuestRefusal::unknown);
            return new GuestForm(survey, i.language(), i.subject(), i.expiresAt());
        });
    }

    /** The invitation behind a token if it can still be answered; the guest's refusal otherwise. */
    InvitationStore.Invitation usable(Connection c, String token) throws SQLException {
        if (!InvitationTokens.isWellFormed(token)) {
            throw GuestRefusal.unknown();
        }
        InvitationStore.Invitation i = store.invitationByToken(c, InvitationTokens.hash(token))
                .orElseThrow(GuestRefusal::unknown);
        if (i.answeredAt() != null) {
            throw GuestRefusal.answered(i.language());
        }
        if (!clock.instant().isBefore(i.expiresAt())) {
            throw GuestRefusal.expired(i.language());
        }
        return i;
    }
}
