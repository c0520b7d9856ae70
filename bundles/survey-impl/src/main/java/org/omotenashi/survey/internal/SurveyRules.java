package org.omotenashi.survey.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyTopics;

/** What makes a survey definition and a set of answers acceptable; pure, so every rule is unit-tested. */
final class SurveyRules {
    static final int NAME = 200;
    static final int QUESTION_TEXT = 500;
    static final int ANSWER_TEXT = 2000;
    static final int MAX_QUESTIONS = 30;
    static final int MAX_TRIGGERS = 20;
    /** Customer ids. */
    static final int ID = 100;
    /** Subject references. */
    static final int REF = 200;
    static final int EMAIL = 320;
    /** Deliberately loose: the address is for sending a link, not for proving it exists. */
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Keys become form field names and CSV column names, so they stay plain. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    /** EventAdmin topic syntax, optionally ending in a wildcard. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*(/\\*)?");

    private SurveyRules() {
    }

    /** The answers as stored, with the headline score of each kind (the first question of that type). */
    record Answers(Map<String, String> values, Integer nps, Integer csat, Integer ces) {
    }

    /** Checks a definition and fills in defaults (question keys q1, q2…); a 400 naming every problem otherwise. */
    static NewSurvey definition(NewSurvey survey) {
        List<FieldError> errors = new ArrayList<>();
        if (survey.name() == null || survey.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (survey.name().strip().length() > NAME) {
            errors.add(new FieldError("name", "must be at most " + NAME + " characters"));
        }
        if (survey.questions().isEmpty()) {
            errors.add(new FieldError("questions", "must hold at least one question"));
        }
        if (survey.questions().size() > MAX_QUESTIONS) {
            errors.add(new FieldError("questions", "must hold at most " + MAX_QUESTIONS + " questions"));
        }
        List<Question> questions = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < survey.questions().size(); i++) {
            Question q = survey.questions().get(i);
            String at = "questions[" + i + "].";
            String key = q.key() == null || q.key().isBlank() ? "q" + (i + 1) : q.key().strip();
            if (!KEY.matcher(key).matches()) {
                errors.add(new FieldError(at + "key", "must be 1 to 40 lower-case letters, digits, - or _, starting with a letter"));
            } else if (!keys.add(key)) {
                errors.add(new FieldError(at + "key", "is used by another question of this survey"));
            }
            if (q.type() == null) {
                errors.add(new FieldError(at + "type", "is required"));
            }
            text(errors, at + "textNl", q.textNl());
            text(errors, at + "textEn", q.textEn());
            questions.add(new Question(key, q.type(), strip(q.textNl()), strip(q.textEn()), q.required()));
        }
        List<String> triggers = new ArrayList<>();
        if (survey.triggers().size() > MAX_TRIGGERS) {
            errors.add(new FieldError("triggers", "must hold at most " + MAX_TRIGGERS + " topics"));
        }
        for (int i = 0; i < survey.triggers().size(); i++) {
            String topic = strip(survey.triggers().get(i));
            String at = "triggers[" + i + "]";
            if (topic == null || topic.length() > 200 || !TOPIC.matcher(topic).matches()) {
                errors.add(new FieldError(at, "must be an event topic such as omotenashi/promise/KEPT"));
            } else if (topic.startsWith(SurveyTopics.PREFIX) || SurveyTopics.PREFIX.startsWith(topic.replace("*", ""))) {
                // A survey sent because a survey was answered would invite forever.
                errors.add(new FieldError(at, "must not be a survey topic"));
            } else if (!triggers.contains(topic)) {
                triggers.add(topic);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new NewSurvey(survey.name().strip(), questions, triggers);
    }

    /**
     * Reads a guest's answers against the survey version they were invited to. Unanswered optional
     * questions are left out; every missing required or invalid answer is reported under its question key.
     */
    static Answers answers(Survey survey, Map<String, String> given, List<FieldError> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        Integer nps = null;
        Integer csat = null;
        Integer ces = null;
        boolean npsSeen = false;
        boolean csatSeen = false;
        boolean cesSeen = false;
        for (Question q : survey.questions()) {
            known.add(q.key());
            String raw = given.get(q.key());
            String value = raw == null || raw.isBlank() ? null : raw.strip();
            if (value == null) {
                if (q.required()) {
                    errors.add(new FieldError(q.key(), "is required"));
                }
            } else {
                String normal = normalize(q, value, errors);
                if (normal != null) {
                    values.put(q.key(), normal);
                }
            }
            Integer score = q.type().isScale() && values.containsKey(q.key()) ? Integer.valueOf(values.get(q.key())) : null;
            // Only the first question of each kind is the headline score, so a survey stays comparable over time.
            switch (q.type()) {
                case NPS -> { if (!npsSeen) { nps = score; npsSeen = true; } }
                case CSAT -> { if (!csatSeen) { csat = score; csatSeen = true; } }
                case CES -> { if (!cesSeen) { ces = score; cesSeen = true; } }
                default -> { }
            }
        }
        for (String key : given.keySet()) {
            if (!known.contains(key)) {
                errors.add(new FieldError(key, "is not a question of this survey"));
            }
        }
        return new Answers(values, nps, csat, ces);
    }

    /**
     * Reads imported answers like a guest's, reporting each problem under {@code prefix} + question key
     * (e.g. {@code responses[12].answers.recommend}), so one refusal points into the imported file.
     */
    static Answers answers(Survey survey, Map<String, String> given, String prefix, List<FieldError> errors) {
        List<FieldError> own = new ArrayList<>();
        Answers answers = answers(survey, given, own);
        own.forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
        return answers;
    }

    private static String normalize(Question q, String value, List<FieldError> errors) {
        QuestionType type = q.type();
        switch (type) {
            case NPS, CSAT, CES -> {
                try {
                    int n = Integer.parseInt(value);
                    if (n >= type.min() && n <= type.max()) {
                        return Integer.toString(n);
                    }
                } catch (NumberFormatException e) {
                    // reported below, like a number out of range
                }
                errors.add(new FieldError(q.key(), "must be a whole number from " + type.min() + " to " + type.max()));
                return null;
            }
            case YES_NO -> {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "yes", "ja", "true" -> { return "yes"; }
                    case "no", "nee", "false" -> { return "no"; }
                    default -> {
                        errors.add(new FieldError(q.key(), "must be yes or no"));
                        return null;
                    }
                }
            }
            default -> {
                if (value.length() > ANSWER_TEXT) {
                    errors.add(new FieldError(q.key(), "must be at most " + ANSWER_TEXT + " characters"));
                    return null;
                }
                return value;
            }
        }
    }

    private static void text(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > QUESTION_TEXT) {
            errors.add(new FieldError(field, "must be at most " + QUESTION_TEXT + " characters"));
        }
    }

    static boolean isEmailShaped(String address) {
        return EMAIL_SHAPE.matcher(address.strip()).matches();
    }

    /** Adds an error when the text is missing or longer than {@code max}. */
    static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
