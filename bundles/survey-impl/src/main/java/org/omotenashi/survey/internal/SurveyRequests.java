package org.omotenashi.survey.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.core.json.JsonBodies;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.QueryParams;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;

/** Reads survey requests from JSON and query strings, shared by REST and SOAP so both refuse alike. */
final class SurveyRequests {
    private SurveyRequests() {
    }

    /** A definition; the service checks the rules that span fields. */
    static NewSurvey survey(JsonInput in) {
        String name = in.requiredText("name", SurveyRules.NAME);
        var questions = in.objects("questions", q -> {
            Boolean required = q.optionalBoolean("required");
            QuestionType type = q.requiredEnum("type", QuestionType.class);
            return new Question(q.optionalText("key", 40), type, q.requiredText("textNl", SurveyRules.QUESTION_TEXT),
                    q.requiredText("textEn", SurveyRules.QUESTION_TEXT),
                    required != null ? required : type != QuestionType.TEXT);
        });
        var triggers = in.texts("triggers", 200);
        in.validate();
        return new NewSurvey(name, questions, triggers);
    }

    static NewInvitation invitation(JsonInput in) {
        String customerId = in.requiredText("customerId", StoredSurveyService.ID);
        String contactEmail = in.requiredText("contactEmail", StoredSurveyService.EMAIL);
        // Checked here too, so one 400 names every invalid field, not only those the reading found.
        if (contactEmail != null && !contactEmail.isBlank() && !StoredSurveyService.isEmailShaped(contactEmail)) {
            in.error("contactEmail", "must be an e-mail address");
        }
        Language language = in.requiredEnum("language", Language.class);
        JsonInput subject = in.object("subject");
        String type = subject.requiredText("type", 50);
        String ref = subject.requiredText("ref", StoredSurveyService.REF);
        Integer validDays = in.optionalInt("validDays", 1, 365);
        in.validate();
        return new NewInvitation(customerId, contactEmail, language, new Subject(type, ref),
                validDays == null ? null : Duration.ofDays(validDays));
    }

    /**
     * A machine channel's answers to {@code survey}: {@code {"answers": {"recommend": 9, "remarks": "…"}}}, each
     * value of its question's JSON type (see {@link #jsonTypes}).
     */
    static Map<String, String> answers(byte[] body, Survey survey) {
        JsonNode root = JsonBodies.read(body);
        JsonNode answers = root == null ? null : root.get("answers");
        if (answers == null || !answers.isObject()) {
            throw ProblemException.invalid("answers", "is required: an object from question key to answer");
        }
        List<FieldError> errors = new ArrayList<>();
        jsonTypes(survey, answers, "answers.", errors);
        Map<String, String> values = answerValues(answers, "answers.", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return values;
    }

    /**
     * In JSON a number is a JSON number: the answer to an NPS, CSAT or CES question must be one, not text that
     * reads as one; a YES_NO answer is true/false (or the words yes/no, in any letter case); a TEXT answer is text.
     * XML (SOAP) and the guest's form carry everything as text, and there the text of a number is the number.
     */
    static void jsonTypes(Survey survey, JsonNode answers, String prefix, List<FieldError> errors) {
        for (org.omotenashi.survey.api.Question q : survey.questions()) {
            JsonNode v = answers.get(q.key());
            if (v == null || !v.isValueNode() || v.isNull()) {
                continue;  // absent, or not a value at all: the reading of the values names it
            }
            String problem = switch (q.type()) {
                case NPS, CSAT, CES -> v.isIntegralNumber() ? null
                        : "must be a whole number from " + q.type().min() + " to " + q.type().max() + " (a JSON number, not text)";
                case YES_NO -> v.isBoolean() || v.isTextual() ? null : "must be true or false";
                default -> v.isTextual() ? null : "must be text";
            };
            if (problem != null) {
                errors.add(new FieldError(prefix + q.key(), problem));
            }
        }
    }

    /** Answer values as text: numbers and text as given, booleans as yes/no; nulls are left out. */
    private static Map<String, String> answerValues(JsonNode answers, String prefix, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        answers.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                return;
            }
            if (!v.isValueNode()) {
                errors.add(new FieldError(prefix + e.getKey(), "must be a number, true/false or text"));
            } else if (v.isBoolean()) {
                values.put(e.getKey(), v.asBoolean() ? "yes" : "no");
            } else {
                values.put(e.getKey(), v.asText());
            }
        });
        return values;
    }

    /**
     * An import of earlier answers: {@code {"responses": [{customerId, contactEmail?, language, subject, answeredAt,
     * answers, importRef?}, …]}}.
     * A reference given twice in one import is refused by the service, which checks every import. The answers are read against {@code survey}, so one 400 names every invalid field,
     * shape and answer alike; more than the maximum is a 413 before anything else is read.
     */
    static List<ImportedResponse> imports(byte[] body, Survey survey, Instant now) {
        JsonNode root = JsonBodies.read(body);
        JsonNode array = root == null ? null : root.get("responses");
        if (array != null && array.isArray() && array.size() > ImportedResponse.MAX_PER_IMPORT) {
            throw StoredSurveyService.tooMany();
        }
        JsonInput in = JsonInput.of(root);
        if (array == null || array.isNull()) {
            in.error("responses", "is required: an array of answered responses");
        }
        // JsonInput calls the reader for the object elements only, in order; this maps each call to its index.
        List<Integer> objectIndexes = new ArrayList<>();
        for (int i = 0; array != null && array.isArray() && i < array.size(); i++) {
            if (array.get(i).isObject()) {
                objectIndexes.add(i);
            }
        }
        int[] next = {0};
        List<ImportedResponse> responses = in.objects("responses", r -> {
            int i = objectIndexes.get(next[0]++);
            String at = "responses[" + i + "].";
            String customerId = r.requiredText("customerId", StoredSurveyService.ID);
            String contactEmail = r.optionalText("contactEmail", StoredSurveyService.EMAIL);
            if (contactEmail != null && !StoredSurveyService.isEmailShaped(contactEmail)) {
                r.error("contactEmail", "must be an e-mail address");
            }
            Language language = r.requiredEnum("language", Language.class);
            JsonInput subject = r.object("subject");
            String type = subject.requiredText("type", 50);
            String ref = subject.requiredText("ref", StoredSurveyService.REF);
            Instant answeredAt = r.requiredInstant("answeredAt");
            if (answeredAt != null && answeredAt.isAfter(now)) {
                r.error("answeredAt", "must not be in the future: an import is history");
            }
            JsonNode given = array.get(i).get("answers");
            Map<String, String> answers = Map.of();
            List<FieldError> errors = new ArrayList<>();
            if (given == null || !given.isObject()) {
                errors.add(new FieldError(at + "answers", "is required: an object from question key to answer"));
            } else {
                jsonTypes(survey, given, at + "answers.", errors);
                answers = answerValues(given, at + "answers.", errors);
                List<FieldError> rules = new ArrayList<>();
                SurveyRules.answers(survey, answers, at + "answers.", rules);
                // An answer of the wrong JSON type was left out above; it is not "missing" on top of that.
                List<String> named = errors.stream().map(FieldError::field).toList();
                rules.stream().filter(e -> !named.contains(e.field())).forEach(errors::add);
            }
            errors.forEach(e -> in.error(e.field(), e.message()));
            String importRef = r.optionalText("importRef", ImportedResponse.MAX_REF_LENGTH);
            return new ImportedResponse(customerId, contactEmail, language, new Subject(type, ref), answeredAt, answers,
                    importRef);
        });
        if (array != null && array.isArray() && array.isEmpty()) {
            in.error("responses", "must hold at least one response");
        }
        in.validate();
        return responses;
    }

    /** Scores' groupBy: the enum names, case-insensitive, and {@code subjectType} as the API spells it. */
    static ScoreGroup group(QueryParams q, String value) {
        if (value == null || value.isBlank()) {
            return ScoreGroup.NONE;
        }
        String wanted = value.strip().replace("_", "").toLowerCase(Locale.ROOT);
        for (ScoreGroup group : ScoreGroup.values()) {
            if (group.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return group;
            }
        }
        q.error("groupBy", "must be one of none, day, week, month, customer, subjectType");
        return null;
    }

    /** The period of a scores or export request; the last 30 days up to now by default. */
    static Instant[] period(QueryParams q, String from, String to, Instant now) {
        Instant end = q.instant("to", to);
        Instant start = q.instant("from", from);
        q.validate();
        Instant until = end == null ? now : end;
        Instant since = start == null ? until.minus(Duration.ofDays(30)) : start;
        if (!since.isBefore(until)) {
            throw ProblemException.invalid("from", "must be before to");
        }
        return new Instant[] {since, until};
    }
}
