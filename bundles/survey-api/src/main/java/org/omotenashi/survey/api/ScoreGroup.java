package org.omotenashi.survey.api;

/** What to group survey scores by: a period (in the configured time zone), the customer or the subject type. */
public enum ScoreGroup {
    NONE, DAY, WEEK, MONTH, CUSTOMER, SUBJECT_TYPE
}
