package org.omotenashi.survey.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.rest.QueryParams;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;

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

    /** A machine channel's answers: {@code {"answers": {"recommend": 9, "remarks": "…"}}}, values numbers, booleans or text. */
    static Map<String, String> answers(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "Malformed JSON", "The body is not valid JSON.");
        }
        JsonNode answers = root == null ? null : root.get("answers");
        if (answers == null || !answers.isObject()) {
            throw ProblemException.invalid("answers", "is required: an object from question key to answer");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        answers.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                return;
            }
            if (!v.isValueNode()) {
                errors.add(new FieldError("answers." + e.getKey(), "must be a number, true/false or text"));
            } else if (v.isBoolean()) {
                values.put(e.getKey(), v.asBoolean() ? "yes" : "no");
            } else {
                values.put(e.getKey(), v.asText());
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return values;
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
