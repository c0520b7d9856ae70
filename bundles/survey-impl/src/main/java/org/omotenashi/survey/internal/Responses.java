package org.omotenashi.survey.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.ResponseImport;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyResponse;

/** Answers: a guest's, through the one-time token; history imported from an earlier tool; the CSV export. */
final class Responses {
    private final DataSource dataSource;
    private final Clock clock;
    private final SurveyEvents events;
    private final Supplier<StoredSurveyService.Settings> settings;
    private final DefinitionStore definitions;
    private final Invitations invitations;
    private final InvitationStore invitationStore;
    private final ResponseStore store;
    private final DayRollup days;
    private final TimelineStore timeline;

    Responses(DataSource dataSource, Clock clock, SurveyEvents events, Supplier<StoredSurveyService.Settings> settings,
              DefinitionStore definitions, Invitations invitations, InvitationStore invitationStore, ResponseStore store,
              DayRollup days, TimelineStore timeline) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
        this.definitions = definitions;
        this.invitations = invitations;
        this.invitationStore = invitationStore;
        this.store = store;
        this.days = days;
        this.timeline = timeline;
    }

    SurveyResponse answer(String token, Map<String, String> given) {
        Instant at = clock.instant();
        ZoneId zone = settings.get().zone();
        SurveyResponse response = Transactions.inTransaction(dataSource, c -> {
            InvitationStore.Invitation i = invitations.usable(c, token);
            Survey survey = definitions.version(c, i.surveyId(), i.surveyVersion()).orElseThrow(GuestRefusal::unknown);
            List<FieldError> errors = new ArrayList<>();
            SurveyRules.Answers answers = SurveyRules.answers(survey, given, errors);
            if (!errors.isEmpty()) {
                throw GuestRefusal.invalid(errors, i.language());
            }
            if (!invitationStore.markAnswered(c, i.id(), at)) {
                throw GuestRefusal.answered(i.language());
            }
            SurveyResponse r = new SurveyResponse(i.id(), i.surveyId(), i.surveyVersion(), i.customerId(), i.subject(), at,
                    answers.values(), answers.nps(), answers.csat(), answers.ces());
            Periods.Keys period = Periods.of(at, zone);
            store.insertResponse(c, r, period);
            timeline.insertActivities(c, List.of(TimelineStore.answered(r)));
            events.answered(c, r);
            // The answer counts on its own day, the invitation's answering on the day it was sent.
            days.addToDays(c, i.surveyId(), List.of(new DayRollup.DayCounts(period, Scorecard.Counts.of(r)),
                    new DayRollup.DayCounts(invitationStore.invitedPeriod(c, i.id()), Scorecard.Counts.answeredInvitation())));
            return r;
        }, duplicate -> {
            throw GuestRefusal.answered(null);
        });
        return response;
    }

    ResponseImport importResponses(String surveyId, List<ImportedResponse> responses) {
        if (responses.size() > ImportedResponse.MAX_PER_IMPORT) {
            throw tooMany();
        }
        Instant now = clock.instant();
        ZoneId zone = settings.get().zone();
        // No event: history is not news, and a detractor of two years ago must not start a call-back today.
        return Transactions.inTransaction(dataSource, c -> {
            Survey survey = definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            List<FieldError> errors = new ArrayList<>();
            List<ResponseStore.Imported> rows = checkImport(survey, responses, now, zone, errors);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors);
            }
            Set<String> stored = invitationStore.importedRefs(c, surveyId,
                    rows.stream().map(ResponseStore.Imported::importRef).filter(Objects::nonNull).toList());
            List<ResponseStore.Imported> fresh = rows.stream().filter(r -> !stored.contains(r.importRef())).toList();
            store.insertImported(c, fresh);
            List<DayRollup.DayCounts> additions = new ArrayList<>();
            for (ResponseStore.Imported row : fresh) {
                additions.add(new DayRollup.DayCounts(row.period(),
                        Scorecard.Counts.of(row.response()).plus(Scorecard.Counts.invited(true))));
            }
            days.addToDays(c, surveyId, additions);
            timeline.insertActivities(c, fresh.stream().map(row -> TimelineStore.answered(row.response())).toList());
            return new ResponseImport(surveyId, survey.version(), fresh.size(), rows.size() - fresh.size());
        }, duplicate -> {
            throw new ProblemException(409, "Conflict", "Another import stored some of these answers meanwhile; "
                    + "nothing of this one was stored. Send it again: what is stored now is left out.");
        });
    }

    static ProblemException tooMany() {
        return new ProblemException(413, "Payload too large", "An import takes at most " + ImportedResponse.MAX_PER_IMPORT
                + " responses; send a longer history in several imports.");
    }

    /**
     * Checks every imported response against the survey's current version and scores it as a live answer
     * would be; each problem is named under {@code responses[i]}. The rows are meaningful only without errors.
     */
    static List<ResponseStore.Imported> checkImport(Survey survey, List<ImportedResponse> responses, Instant now,
                                                    ZoneId zone, List<FieldError> errors) {
        if (responses.isEmpty()) {
            errors.add(new FieldError("responses", "must hold at least one response"));
        }
        List<ResponseStore.Imported> rows = new ArrayList<>();
        Map<String, Integer> firstWithRef = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            ImportedResponse r = responses.get(i);
            String at = "responses[" + i + "].";
            if (r == null) {
                errors.add(new FieldError("responses[" + i + "]", "must be an object"));
                continue;
            }
            SurveyRules.required(errors, at + "customerId", r.customerId(), SurveyRules.ID);
            String email = r.contactEmail() == null || r.contactEmail().isBlank() ? null : r.contactEmail().strip();
            if (email != null && (email.length() > SurveyRules.EMAIL || !SurveyRules.isEmailShaped(email))) {
                errors.add(new FieldError(at + "contactEmail", "must be an e-mail address of at most " + SurveyRules.EMAIL
                        + " characters"));
            }
            if (r.language() == null) {
                errors.add(new FieldError(at + "language", "is required: nl or en"));
            }
            if (r.subject() == null) {
                errors.add(new FieldError(at + "subject", "is required: {type, ref}"));
            } else {
                SurveyRules.required(errors, at + "subject.type", r.subject().type(), 50);
                SurveyRules.required(errors, at + "subject.ref", r.subject().ref(), SurveyRules.REF);
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
                rows.add(new ResponseStore.Imported(response, email == null ? "" : email.toLowerCase(Locale.ROOT),
                        r.language(), Periods.of(r.answeredAt(), zone), importRef));
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

    void exportCsv(String surveyId, Instant from, Instant to, Writer out) {
        Transactions.read(dataSource, c -> {
            Survey current = definitions.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            // Columns: the current questions first, then any that only earlier answered versions had.
            Set<String> keys = new LinkedHashSet<>();
            current.questions().forEach(q -> keys.add(q.key()));
            for (int version : store.answeredVersions(c, surveyId, from, to)) {
                definitions.version(c, surveyId, version)
                        .ifPresent(s -> s.questions().stream().map(Question::key).forEach(keys::add));
            }
            List<String> header = new ArrayList<>(List.of("invitationId", "surveyVersion", "customerId", "subjectType",
                    "subjectRef", "answeredAt", "nps", "csat", "ces"));
            header.addAll(keys);
            write(out, CsvCells.row(header));
            store.responses(c, surveyId, from, to, r -> {
                List<String> cells = new ArrayList<>(Arrays.asList(r.invitationId(), Integer.toString(r.surveyVersion()),
                        r.customerId(), r.subject().type(), r.subject().ref(), r.answeredAt().toString(), text(r.nps()),
                        text(r.csat()), text(r.ces())));
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
