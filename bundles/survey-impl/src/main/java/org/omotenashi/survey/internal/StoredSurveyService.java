package org.omotenashi.survey.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.omotenashi.core.db.DuplicateKeyException;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.ResponseImport;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyService;

/**
 * Surveys over the shared database; every invitation and answer is one transaction with its timeline row and its
 * event in the durable log.
 */
final class StoredSurveyService implements SurveyService {
    static final int ID = 100;
    static final int REF = 200;
    static final int EMAIL = 320;
    /** Deliberately loose: the address is for sending a link, not for proving it exists. */
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What the service needs from its configuration, read anew on every call so changes apply at once. */
    record Settings(Duration validFor, Duration fatigue, String publicBaseUrl, ZoneId zone) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final SurveyEvents events;
    private final SurveyStore store = new SurveyStore();
    private volatile Settings settings;
    private volatile Runnable definitionsChanged = () -> { };

    StoredSurveyService(DataSource dataSource, Clock clock, SurveyEvents events, Settings settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
    }

    void configure(Settings next) {
        settings = next;
    }

    /** Called after a definition changes, so automatic invitations follow the new triggers. */
    void onDefinitionsChanged(Runnable listener) {
        definitionsChanged = listener;
    }

    @Override
    public Survey define(NewSurvey request, String by) {
        NewSurvey checked = SurveyRules.definition(request);
        Survey survey = new Survey(UUID.randomUUID().toString(), 1, checked.name(), checked.questions(), checked.triggers(),
                clock.instant(), by);
        Transactions.inTransaction(dataSource, c -> {
            store.insertSurvey(c, survey);
            return null;
        });
        definitionsChanged.run();
        return survey;
    }

    @Override
    public Survey revise(String surveyId, NewSurvey request, Integer expectedVersion, String by) {
        NewSurvey checked = SurveyRules.definition(request);
        Survey revised = Transactions.inTransaction(dataSource, c -> {
            Survey current = store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw ProblemException.staleVersion(current.version());
            }
            Survey next = new Survey(surveyId, current.version() + 1, checked.name(), checked.questions(), checked.triggers(),
                    clock.instant(), by);
            if (!store.insertNextVersion(c, next)) {
                throw ProblemException.conflict("The survey was changed at the same moment; fetch it and try again.");
            }
            return next;
        });
        definitionsChanged.run();
        return revised;
    }

    @Override
    public List<Survey> list() {
        return Transactions.read(dataSource, store::allCurrent);
    }

    @Override
    public Optional<Survey> find(String surveyId) {
        return Transactions.read(dataSource, c -> store.current(c, surveyId));
    }

    @Override
    public Optional<Survey> find(String surveyId, int version) {
        return Transactions.read(dataSource, c -> store.version(c, surveyId, version));
    }

    @Override
    public IssuedInvitation invite(String surveyId, NewInvitation request) {
        checkInvitation(request);
        Attempt attempt = inTransaction(c -> inviteOn(c, surveyId, request, null, null),
                () -> ProblemException.conflict("This contact was invited at the same moment by another request."));
        if (attempt.issued() == null) {
            throw ProblemException.conflict(attempt.refusal());
        }
        return attempt.issued();
    }

    /** An invitation sent, or why the fatigue rule kept it back (then nothing was written). */
    record Attempt(IssuedInvitation issued, String refusal) {
    }

    /**
     * Invites in the caller's transaction: the invitation, its day counts, its timeline row and its event commit
     * with the caller's work or not at all. The request must have passed {@link #checkInvitation}.
     *
     * @param topic the event that triggered an automatic invitation, null for one asked for directly
     * @param by    who invited, for the timeline; null when the caller is not known
     */
    Attempt inviteOn(Connection c, String surveyId, NewInvitation request, String topic, String by) throws SQLException {
        Settings now = settings;
        Instant at = clock.instant();
        Duration validFor = request.validFor() == null ? now.validFor() : request.validFor();
        String contact = request.contactEmail().strip().toLowerCase(Locale.ROOT);
        String token = InvitationTokens.newToken();
        Survey survey = store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
        if (!now.fatigue().isZero() && !store.claimContact(c, contact, at, at.minus(now.fatigue()))) {
            Instant last = store.lastInvited(c, contact).orElse(at);
            return new Attempt(null, "This contact was invited to a survey on " + last + "; to spare them, nobody "
                    + "invites them again before " + last.plus(now.fatigue()) + ".");
        }
        SurveyStore.Invitation i = new SurveyStore.Invitation(UUID.randomUUID().toString(), surveyId, survey.version(),
                request.customerId().strip(), request.language(), request.subject(), at, at.plus(validFor), null);
        Periods.Keys period = Periods.of(at, now.zone());
        store.insertInvitation(c, i, InvitationTokens.hash(token), contact, period, topic);
        store.addToDays(c, surveyId, List.of(new SurveyStore.DayCounts(period, Scorecard.Counts.invited(false))));
        store.insertActivities(c, List.of(new SurveyStore.Activity(i.customerId(), at, SurveyStore.Activity.INVITED,
                surveyId, i.id(), i.subject(), null, null, null, by, null, topic)));
        events.invited(c, i.id(), surveyId, i.surveyVersion(), i.customerId(), i.subject(), i.language());
        return new Attempt(new IssuedInvitation(i.id(), token, url(now, token), i.expiresAt()), null);
    }

    /**
     * Records, in the caller's transaction, an automatic invitation that was not sent and why: on the customer's
     * timeline and as an event, so it is never silently dropped.
     */
    void skip(Connection c, String surveyId, String customerId, Subject subject, String reason, String topic)
            throws SQLException {
        store.insertActivities(c, List.of(new SurveyStore.Activity(customerId, clock.instant(), SurveyStore.Activity.SKIPPED,
                surveyId, null, subject, null, null, null, null, reason, topic)));
        events.skipped(c, surveyId, customerId, subject, reason, topic);
    }

    static String url(Settings settings, String token) {
        String base = settings.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/survey/" + token;
    }

    static void checkInvitation(NewInvitation r) {
        List<FieldError> errors = new ArrayList<>();
        required(errors, "customerId", r.customerId(), ID);
        required(errors, "contactEmail", r.contactEmail(), EMAIL);
        if (r.contactEmail() != null && !r.contactEmail().isBlank() && !isEmailShaped(r.contactEmail())) {
            errors.add(new FieldError("contactEmail", "must be an e-mail address"));
        }
        if (r.language() == null) {
            errors.add(new FieldError("language", "is required: nl or en"));
        }
        if (r.subject() == null) {
            errors.add(new FieldError("subject", "is required: {type, ref}"));
        } else {
            required(errors, "subject.type", r.subject().type(), 50);
            required(errors, "subject.ref", r.subject().ref(), REF);
        }
        if (r.validFor() != null && (r.validFor().isNegative() || r.validFor().isZero() || r.validFor().toDays() > 365)) {
            errors.add(new FieldError("validDays", "must be from 1 to 365 days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    static boolean isEmailShaped(String address) {
        return EMAIL_SHAPE.matcher(address.strip()).matches();
    }

    private static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    @Override
    public GuestForm open(String token) {
        return Transactions.read(dataSource, c -> {
            SurveyStore.Invitation i = usable(c, token);
            Survey survey = store.version(c, i.surveyId(), i.surveyVersion()).orElseThrow(GuestRefusal::unknown);
            return new GuestForm(survey, i.language(), i.subject(), i.expiresAt());
        });
    }

    /** The invitation behind a token if it can still be answered; the guest's refusal otherwise. */
    private SurveyStore.Invitation usable(java.sql.Connection c, String token) throws SQLException {
        if (!InvitationTokens.isWellFormed(token)) {
            throw GuestRefusal.unknown();
        }
        SurveyStore.Invitation i = store.invitationByToken(c, InvitationTokens.hash(token)).orElseThrow(GuestRefusal::unknown);
        if (i.answeredAt() != null) {
            throw GuestRefusal.answered(i.language());
        }
        if (!clock.instant().isBefore(i.expiresAt())) {
            throw GuestRefusal.expired(i.language());
        }
        return i;
    }

    @Override
    public SurveyResponse answer(String token, Map<String, String> given) {
        Instant at = clock.instant();
        ZoneId zone = settings.zone();
        SurveyResponse response = inTransaction(c -> {
            SurveyStore.Invitation i = usable(c, token);
            Survey survey = store.version(c, i.surveyId(), i.surveyVersion()).orElseThrow(GuestRefusal::unknown);
            List<FieldError> errors = new ArrayList<>();
            SurveyRules.Answers answers = SurveyRules.answers(survey, given, errors);
            if (!errors.isEmpty()) {
                throw GuestRefusal.invalid(errors, i.language());
            }
            if (!store.markAnswered(c, i.id(), at)) {
                throw GuestRefusal.answered(i.language());
            }
            SurveyResponse r = new SurveyResponse(i.id(), i.surveyId(), i.surveyVersion(), i.customerId(), i.subject(), at,
                    answers.values(), answers.nps(), answers.csat(), answers.ces());
            Periods.Keys period = Periods.of(at, zone);
            store.insertResponse(c, r, period);
            store.insertActivities(c, List.of(answered(r)));
            events.answered(c, r);
            // The answer counts on its own day, the invitation's answering on the day it was sent.
            store.addToDays(c, i.surveyId(), List.of(new SurveyStore.DayCounts(period, Scorecard.Counts.of(r)),
                    new SurveyStore.DayCounts(store.invitedPeriod(c, i.id()), Scorecard.Counts.answeredInvitation())));
            return r;
        }, () -> GuestRefusal.answered(null));
        return response;
    }

    @Override
    public ResponseImport importResponses(String surveyId, List<ImportedResponse> responses) {
        if (responses.size() > ImportedResponse.MAX_PER_IMPORT) {
            throw tooMany();
        }
        Instant now = clock.instant();
        ZoneId zone = settings.zone();
        // No event: history is not news, and a detractor of two years ago must not start a call-back today.
        return Transactions.inTransaction(dataSource, c -> {
            Survey survey = store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            List<FieldError> errors = new ArrayList<>();
            List<SurveyStore.Imported> rows = checkImport(survey, responses, now, zone, errors);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            Set<String> stored = store.importedRefs(c, surveyId,
                    rows.stream().map(SurveyStore.Imported::importRef).filter(Objects::nonNull).toList());
            List<SurveyStore.Imported> fresh = rows.stream().filter(r -> !stored.contains(r.importRef())).toList();
            try {
                store.insertImported(c, fresh);
            } catch (SQLException e) {
                if (Transactions.isDuplicateKey(e)) {
                    throw new ProblemException(409, "Conflict", "Another import stored some of these answers meanwhile; "
                            + "nothing of this one was stored. Send it again: what is stored now is left out.");
                }
                throw e;
            }
            List<SurveyStore.DayCounts> days = new ArrayList<>();
            for (SurveyStore.Imported row : fresh) {
                days.add(new SurveyStore.DayCounts(row.period(), Scorecard.Counts.of(row.response()).plus(Scorecard.Counts.invited(true))));
            }
            store.addToDays(c, surveyId, days);
            store.insertActivities(c, fresh.stream().map(row -> answered(row.response())).toList());
            return new ResponseImport(surveyId, survey.version(), fresh.size(), rows.size() - fresh.size());
        });
    }

    private static SurveyStore.Activity answered(SurveyResponse r) {
        return new SurveyStore.Activity(r.customerId(), r.answeredAt(), SurveyStore.Activity.ANSWERED, r.surveyId(),
                r.invitationId(), r.subject(), r.nps(), r.csat(), r.ces(), null, null, null);
    }

    static ProblemException tooMany() {
        return new ProblemException(413, "Payload too large", "An import takes at most " + ImportedResponse.MAX_PER_IMPORT
                + " responses; send a longer history in several imports.");
    }

    /**
     * Checks every imported response against the survey's current version and scores it as a live answer
     * would be; each problem is named under {@code responses[i]}. The rows are meaningful only without errors.
     */
    static List<SurveyStore.Imported> checkImport(Survey survey, List<ImportedResponse> responses, Instant now, ZoneId zone,
                                                  List<FieldError> errors) {
        if (responses.isEmpty()) {
            errors.add(new FieldError("responses", "must hold at least one response"));
        }
        List<SurveyStore.Imported> rows = new ArrayList<>();
        Map<String, Integer> firstWithRef = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            ImportedResponse r = responses.get(i);
            String at = "responses[" + i + "].";
            if (r == null) {
                errors.add(new FieldError("responses[" + i + "]", "must be an object"));
                continue;
            }
            required(errors, at + "customerId", r.customerId(), ID);
            String email = r.contactEmail() == null || r.contactEmail().isBlank() ? null : r.contactEmail().strip();
            if (email != null && (email.length() > EMAIL || !isEmailShaped(email))) {
                errors.add(new FieldError(at + "contactEmail", "must be an e-mail address of at most " + EMAIL + " characters"));
            }
            if (r.language() == null) {
                errors.add(new FieldError(at + "language", "is required: nl or en"));
            }
            if (r.subject() == null) {
                errors.add(new FieldError(at + "subject", "is required: {type, ref}"));
            } else {
                required(errors, at + "subject.type", r.subject().type(), 50);
                required(errors, at + "subject.ref", r.subject().ref(), REF);
            }
            if (r.answeredAt() == null) {
                errors.add(new FieldError(at + "answeredAt", "is required"));
            } else if (r.answeredAt().isAfter(now)) {
                errors.add(new FieldError(at + "answeredAt", "must not be in the future: an import is history"));
            }
            String importRef = importRef(r, at, firstWithRef, i, errors);
            SurveyRules.Answers answers = SurveyRules.answers(survey, r.answers(), at + "answers.", errors);
            if (errors.isEmpty()) {
                SurveyResponse response = new SurveyResponse(UUID.randomUUID().toString(), survey.id(), survey.version(),
                        r.customerId().strip(), new Subject(r.subject().type().strip(), r.subject().ref().strip()),
                        r.answeredAt(), answers.values(), answers.nps(), answers.csat(), answers.ces());
                rows.add(new SurveyStore.Imported(response, email == null ? "" : email.toLowerCase(Locale.ROOT), r.language(),
                        Periods.of(r.answeredAt(), zone), importRef));
            }
        }
        return rows;
    }

    /** The response's import reference, stripped; an error if too long or given before in the same import. */
    private static String importRef(ImportedResponse r, String at, Map<String, Integer> firstWithRef, int index,
                                    List<FieldError> errors) {
        if (r.importRef() == null || r.importRef().isBlank()) {
            return null;
        }
        String ref = r.importRef().strip();
        Integer first = firstWithRef.putIfAbsent(ref, index);
        if (ref.length() > ImportedResponse.MAX_REF_LENGTH) {
            errors.add(new FieldError(at + "importRef", "must be at most " + ImportedResponse.MAX_REF_LENGTH + " characters"));
        } else if (first != null) {
            errors.add(new FieldError(at + "importRef", "is also given at responses[" + first + "]: an import holds each answer once"));
        }
        return ref;
    }

    @Override
    public SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy) {
        return scores(surveyId, from, to, groupBy, true);
    }

    /** @param fromDays false to sum every stored row even where the day rows could answer; tests compare both */
    SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, boolean fromDays) {
        ScoreGroup group = groupBy == null ? ScoreGroup.NONE : groupBy;
        ZoneId zone = settings.zone();
        return Transactions.read(dataSource, c -> {
            store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            Map<String, Scorecard.Counts> byKey = new LinkedHashMap<>();
            Scorecard.Counts overall = Scorecard.Counts.none();
            List<SurveyStore.Row> rows = fromDays ? dayRows(c, surveyId, from, to, group, zone) : null;
            if (rows == null) {
                rows = storedRows(c, surveyId, from, to, group);
            }
            for (SurveyStore.Row row : rows) {
                byKey.merge(row.key(), row.counts(), Scorecard.Counts::plus);
                overall = overall.plus(row.counts());
            }
            List<SurveyFigures> groups = new ArrayList<>();
            if (group != ScoreGroup.NONE) {
                List<String> keys = new ArrayList<>(byKey.keySet());
                boolean period = group == ScoreGroup.DAY || group == ScoreGroup.WEEK || group == ScoreGroup.MONTH;
                keys.sort(period ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder());
                for (String key : keys) {
                    String label = period ? Periods.label(group, Integer.parseInt(key)) : key;
                    groups.add(Scorecard.figures(label, byKey.get(key)));
                }
            }
            return new SurveyScores(surveyId, from, to, group, Scorecard.figures("all", overall), groups);
        });
    }

    private List<SurveyStore.Row> storedRows(java.sql.Connection c, String surveyId, Instant from, Instant to, ScoreGroup group)
            throws SQLException {
        List<SurveyStore.Row> rows = new ArrayList<>(store.answerCounts(c, surveyId, from, to, group));
        rows.addAll(store.invitationCounts(c, surveyId, from, to, group));
        return rows;
    }

    /**
     * The whole days of the period from the day rows, the part-days at either end from the stored rows; null when
     * the day rows cannot answer exactly: grouped by customer or subject, no whole day in the period, or day
     * keys near its edges stored with another zone than today's.
     */
    private List<SurveyStore.Row> dayRows(java.sql.Connection c, String surveyId, Instant from, Instant to, ScoreGroup group,
                                          ZoneId zone) throws SQLException {
        if (group == ScoreGroup.CUSTOMER || group == ScoreGroup.SUBJECT_TYPE) {
            return null;
        }
        LocalDate firstDay = from.atZone(zone).toLocalDate();
        Instant wholeFrom = firstDay.atStartOfDay(zone).toInstant();
        if (wholeFrom.isBefore(from)) {
            firstDay = firstDay.plusDays(1);
            wholeFrom = firstDay.atStartOfDay(zone).toInstant();
        }
        LocalDate endDay = to.atZone(zone).toLocalDate();
        Instant wholeTo = endDay.atStartOfDay(zone).toInstant();
        if (!wholeFrom.isBefore(wholeTo)) {
            return null;
        }
        int fromDay = (int) firstDay.toEpochDay();
        int toDay = (int) endDay.toEpochDay();
        if (!store.dayKeysAgree(c, surveyId, wholeFrom, fromDay) || !store.dayKeysAgree(c, surveyId, wholeTo, toDay)) {
            return null;
        }
        List<SurveyStore.Row> rows = new ArrayList<>(store.dayCounts(c, surveyId, fromDay, toDay, group));
        if (from.isBefore(wholeFrom)) {
            rows.addAll(storedRows(c, surveyId, from, wholeFrom, group));
        }
        if (wholeTo.isBefore(to)) {
            rows.addAll(storedRows(c, surveyId, wholeTo, to, group));
        }
        return rows;
    }

    @Override
    public List<Ambassador> ambassadors(String surveyId, Instant from, Instant to, int limit) {
        return Transactions.read(dataSource, c -> {
            store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            return store.promoters(c, surveyId, from, to, Math.max(1, Math.min(1000, limit)));
        });
    }

    @Override
    public void exportCsv(String surveyId, Instant from, Instant to, Writer out) {
        Transactions.read(dataSource, c -> {
            Survey current = store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            // Columns: the current questions first, then any that only earlier answered versions had.
            Set<String> keys = new LinkedHashSet<>();
            current.questions().forEach(q -> keys.add(q.key()));
            for (int version : store.answeredVersions(c, surveyId, from, to)) {
                store.version(c, surveyId, version).ifPresent(s -> s.questions().stream().map(Question::key).forEach(keys::add));
            }
            List<String> header = new ArrayList<>(List.of("invitationId", "surveyVersion", "customerId", "subjectType",
                    "subjectRef", "answeredAt", "nps", "csat", "ces"));
            header.addAll(keys);
            write(out, CsvCells.row(header));
            store.responses(c, surveyId, from, to, r -> {
                List<String> cells = new ArrayList<>(java.util.Arrays.asList(r.invitationId(), Integer.toString(r.surveyVersion()), r.customerId(),
                        r.subject().type(), r.subject().ref(), r.answeredAt().toString(), text(r.nps()), text(r.csat()),
                        text(r.ces())));
                keys.forEach(k -> cells.add(r.answers().get(k)));
                write(out, CsvCells.row(cells));
            });
            return null;
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One transaction; a unique key taken by a concurrent request becomes the refusal that request would have met. */
    private <T> T inTransaction(org.omotenashi.core.db.SqlWork<T> work, java.util.function.Supplier<ProblemException> onDuplicate) {
        try {
            return Transactions.inTransaction(dataSource, work);
        } catch (DuplicateKeyException e) {
            throw onDuplicate.get();
        }
    }

    private static void write(Writer out, String line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }
}
