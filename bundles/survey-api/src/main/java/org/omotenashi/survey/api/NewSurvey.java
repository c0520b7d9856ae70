package org.omotenashi.survey.api;

import java.util.List;

/**
 * A survey definition as a desk admin writes it.
 *
 * @param triggers EventAdmin topics after which the survey is sent automatically, e.g. {@code omotenashi/promise/KEPT}
 */
public record NewSurvey(String name, List<Question> questions, List<String> triggers) {
    public NewSurvey {
        questions = List.copyOf(questions);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }
}
