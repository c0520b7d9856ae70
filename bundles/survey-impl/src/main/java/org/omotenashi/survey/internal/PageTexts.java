package org.omotenashi.survey.internal;

import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.QuestionType;

/** The guest page's own words in Dutch and English; the questions bring their own. */
record PageTexts(String lang, String title, String intro, String submit, String optional, String required,
                 String errorSummary, String missing, String invalid, String thanksTitle, String thanksText,
                 String unknownTitle, String unknownText, String expiredTitle, String expiredText,
                 String answeredTitle, String answeredText, String yes, String no,
                 String npsLow, String npsHigh, String csatLow, String csatHigh, String cesLow, String cesHigh) {

    static final PageTexts NL = new PageTexts("nl", "Hoe hebben wij het gedaan?",
            "Fijn dat u even de tijd neemt. Uw antwoorden helpen ons u beter van dienst te zijn.",
            "Versturen", "(niet verplicht)", "(verplicht)",
            "Er ontbreekt nog iets", "Beantwoord deze vraag alstublieft.", "Dit antwoord kunnen wij niet lezen; kies opnieuw.",
            "Dank u wel!", "Uw antwoorden zijn ontvangen. U kunt dit venster sluiten.",
            "Deze link kennen wij niet", "Controleer of u de hele link uit de uitnodiging hebt gebruikt.",
            "Deze link is verlopen", "De uitnodiging voor deze vragenlijst is niet meer geldig. Dank voor uw interesse.",
            "U hebt deze vragenlijst al ingevuld", "Uw eerdere antwoorden zijn bewaard; u hoeft niets meer te doen. Dank u wel!",
            "Ja", "Nee",
            "0 = zeer onwaarschijnlijk", "10 = zeer waarschijnlijk", "1 = zeer ontevreden", "5 = zeer tevreden",
            "1 = zeer makkelijk", "7 = zeer moeilijk");

    static final PageTexts EN = new PageTexts("en", "How did we do?",
            "Thank you for taking a moment. Your answers help us serve you better.",
            "Send", "(optional)", "(required)",
            "Something is missing", "Please answer this question.", "We could not read this answer; please choose again.",
            "Thank you!", "Your answers have been received. You can close this window.",
            "We do not know this link", "Please check that you used the whole link from the invitation.",
            "This link has expired", "The invitation to this survey is no longer valid. Thank you for your interest.",
            "You have already answered this survey", "Your earlier answers were kept; there is nothing more to do. Thank you!",
            "Yes", "No",
            "0 = not at all likely", "10 = extremely likely", "1 = very dissatisfied", "5 = very satisfied",
            "1 = very easy", "7 = very difficult");

    static PageTexts of(Language language) {
        return language == Language.EN ? EN : NL;
    }

    /** What the ends of a scale mean, read out with the question. */
    String scaleHint(QuestionType type) {
        return switch (type) {
            case NPS -> npsLow + ", " + npsHigh;
            case CSAT -> csatLow + ", " + csatHigh;
            case CES -> cesLow + ", " + cesHigh;
            default -> null;
        };
    }
}
