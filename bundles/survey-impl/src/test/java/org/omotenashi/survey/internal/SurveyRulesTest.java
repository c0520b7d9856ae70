package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.Survey;

public class SurveyRulesTest {
    private static Question q(String key, QuestionType type, boolean required) {
        return new Question(key, type, "Vraag " + key, "Question " + key, required);
    }

    private static Survey survey(Question... questions) {
        return new Survey("s", 1, "After a visit", List.of(questions), List.of(), Instant.EPOCH, "admin");
    }

    private static List<String> fields(ProblemException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    public void questionsWithoutKeysAreNumberedInOrder() {
        NewSurvey checked = SurveyRules.definition(new NewSurvey(" Visit ",
                List.of(q(null, QuestionType.NPS, true), q(null, QuestionType.TEXT, false)), List.of()));
        assertEquals("Visit", checked.name());
        assertEquals("q1", checked.questions().get(0).key());
        assertEquals("q2", checked.questions().get(1).key());
    }

    @Test
    public void aDefinitionIsRefusedNamingEveryBadField() {
        try {
            SurveyRules.definition(new NewSurvey("", List.of(
                    new Question("Bad Key", QuestionType.NPS, "", "ok", true),
                    new Question("same", null, "nl", "en", true),
                    new Question("same", QuestionType.CES, "nl", null, true)),
                    List.of("omotenashi/survey/ANSWERED", "omotenashi/*", "not a topic", "omotenashi/promise/KEPT")));
            fail("a bad definition must be refused");
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals(List.of("name", "questions[0].key", "questions[0].textNl", "questions[1].type",
                    "questions[2].key", "questions[2].textEn", "triggers[0]", "triggers[1]", "triggers[2]"), fields(e));
        }
    }

    @Test
    public void aSurveyWithoutQuestionsIsRefused() {
        try {
            SurveyRules.definition(new NewSurvey("x", List.of(), List.of()));
            fail();
        } catch (ProblemException e) {
            assertEquals(List.of("questions"), fields(e));
        }
    }

    @Test
    public void answersAreCheckedAgainstEachScale() {
        Survey s = survey(q("nps", QuestionType.NPS, true), q("csat", QuestionType.CSAT, true),
                q("ces", QuestionType.CES, true), q("yn", QuestionType.YES_NO, true));
        List<FieldError> errors = new ArrayList<>();
        SurveyRules.answers(s, Map.of("nps", "11", "csat", "0", "ces", "8", "yn", "maybe"), errors);
        assertEquals(List.of("nps", "csat", "ces", "yn"), errors.stream().map(FieldError::field).toList());

        errors.clear();
        SurveyRules.Answers ok = SurveyRules.answers(s, Map.of("nps", "0", "csat", "5", "ces", "7", "yn", "Ja"), errors);
        assertTrue(errors.isEmpty());
        assertEquals(Map.of("nps", "0", "csat", "5", "ces", "7", "yn", "yes"), ok.values());
        assertEquals(Integer.valueOf(0), ok.nps());
        assertEquals(Integer.valueOf(5), ok.csat());
        assertEquals(Integer.valueOf(7), ok.ces());
    }

    @Test
    public void aMissingRequiredAnswerIsNamedAndAnOptionalOneIsLeftOut() {
        Survey s = survey(q("nps", QuestionType.NPS, true), q("why", QuestionType.TEXT, false));
        List<FieldError> errors = new ArrayList<>();
        SurveyRules.Answers answers = SurveyRules.answers(s, Map.of("why", "  "), errors);
        assertEquals(List.of(new FieldError("nps", "is required")), errors);
        assertTrue(answers.values().isEmpty());
        assertNull(answers.nps());
    }

    @Test
    public void answersToQuestionsTheSurveyDoesNotAskAreRefused() {
        List<FieldError> errors = new ArrayList<>();
        SurveyRules.answers(survey(q("nps", QuestionType.NPS, true)), Map.of("nps", "9", "colour", "blue"), errors);
        assertEquals(List.of("colour"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    public void onlyTheFirstQuestionOfAKindIsItsHeadlineScore() {
        Survey s = survey(q("a", QuestionType.NPS, true), q("b", QuestionType.NPS, true));
        SurveyRules.Answers answers = SurveyRules.answers(s, Map.of("a", "3", "b", "10"), new ArrayList<>());
        assertEquals(Integer.valueOf(3), answers.nps());
    }

    @Test
    public void overlongFreeTextIsRefused() {
        List<FieldError> errors = new ArrayList<>();
        SurveyRules.answers(survey(q("why", QuestionType.TEXT, false)), Map.of("why", "x".repeat(2001)), errors);
        assertEquals(1, errors.size());
    }
}
