package org.omotenashi.survey.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;

public class GuestPageViewTest {
    private static GuestForm form(Language language, String questionText) {
        Survey s = new Survey("s", 1, "Visit", List.of(
                new Question("recommend", QuestionType.NPS, "Zou u ons aanraden? " + questionText, "Would you recommend us? "
                        + questionText, true),
                new Question("easy", QuestionType.YES_NO, "Ging het makkelijk?", "Was it easy?", true),
                new Question("remarks", QuestionType.TEXT, "Opmerkingen", "Remarks", false)), List.of(), Instant.EPOCH, "a");
        return new GuestForm(s, language, new Subject("promise", "p1"), Instant.EPOCH);
    }

    @Test
    public void theFormIsInTheInvitationsLanguageWithLabelsLegendsAndViewport() {
        String html = GuestPageView.form(form(Language.NL, ""), "tok", Map.of(), Map.of());
        assertTrue(html.contains("<html lang=\"nl\">"));
        assertTrue(html.contains("name=\"viewport\""));
        assertTrue(html.contains("<legend>Zou u ons aanraden?"));
        assertTrue(html.contains("<label for=\"q-recommend-0\"><input type=\"radio\" id=\"q-recommend-0\" name=\"recommend\" value=\"0\""));
        assertTrue(html.contains("value=\"10\""));
        assertTrue(html.contains("<label for=\"q-remarks\">"));
        assertTrue(html.contains(">Versturen</button>"));
        assertFalse(html.contains("<script"));
        String english = GuestPageView.form(form(Language.EN, ""), "tok", Map.of(), Map.of());
        assertTrue(english.contains("<html lang=\"en\">"));
        assertTrue(english.contains("<legend>Would you recommend us?"));
    }

    @Test
    public void questionTextAndKeptAnswersAreEscaped() {
        String html = GuestPageView.form(form(Language.EN, "<img src=x onerror=alert(1)>"), "tok",
                Map.of("remarks", "</textarea><script>alert(1)</script>"), Map.of());
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("&lt;/textarea&gt;&lt;script&gt;"));
    }

    @Test
    public void aMissingAnswerIsSummarisedLinkedAndMarkedWhileOtherAnswersAreKept() {
        String html = GuestPageView.form(form(Language.EN, ""), "tok", Map.of("recommend", "8", "remarks", "fine"),
                Map.of("easy", PageTexts.EN.missing()));
        assertTrue(html.contains("role=\"alert\""));
        assertTrue(html.contains("<a href=\"#q-easy-yes\">Was it easy?</a>"));
        assertTrue(html.contains("id=\"q-easy-error\">Please answer this question.</p>"));
        assertTrue(html.contains("aria-describedby=\"q-easy-error\""));
        assertTrue(html.contains("value=\"8\" checked"));
        assertTrue(html.contains(">fine</textarea>"));
    }

    @Test
    public void anUnknownLinkIsExplainedInBothLanguages() {
        String html = GuestPageView.unknownLink();
        assertTrue(html.contains(PageTexts.NL.unknownTitle()));
        assertTrue(html.contains(PageTexts.EN.unknownTitle()));
    }
}
