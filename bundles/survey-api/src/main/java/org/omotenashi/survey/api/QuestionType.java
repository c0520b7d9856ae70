package org.omotenashi.survey.api;

/** The kinds of question a survey asks; scales carry their range, the others have none. */
public enum QuestionType {
    /** "How likely are you to recommend…", 0 to 10. */
    NPS(0, 10),
    /** Satisfaction, 1 (very dissatisfied) to 5 (very satisfied). */
    CSAT(1, 5),
    /** Effort, 1 (very easy) to 7 (very hard). */
    CES(1, 7),
    /** Yes or no. */
    YES_NO(0, 1),
    /** Free text. */
    TEXT(0, 0);

    private final int min;
    private final int max;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** True for the numeric scales that scores are computed from. */
    public boolean isScale() {
        return this == NPS || this == CSAT || this == CES;
    }
}
