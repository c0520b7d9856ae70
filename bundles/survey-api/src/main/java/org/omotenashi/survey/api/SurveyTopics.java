package org.omotenashi.survey.api;

/**
 * Topics of the survey module's events (in the durable event log and on EventAdmin), with plain properties:
 * {@code surveyId}, {@code surveyVersion}, {@code invitationId}, {@code customerId}, {@code subjectType},
 * {@code subjectRef}, {@code language}, and for answers {@code answeredAt} (ISO-8601), {@code nps}, {@code csat},
 * {@code ces} when given and {@code answers} (question key to answer, as a map of strings). SKIPPED (an automatic
 * invitation not sent) carries {@code surveyId}, {@code customerId}, the subject, {@code reason} and
 * {@code triggerTopic}. No token and no contact e-mail ever travel in an event.
 */
public final class SurveyTopics {
    public static final String PREFIX = "omotenashi/survey/";
    public static final String INVITED = PREFIX + "INVITED";
    public static final String ANSWERED = PREFIX + "ANSWERED";
    public static final String DETRACTOR = PREFIX + "DETRACTOR";
    /** An automatic invitation that was not sent: the contact budget, the fatigue rule or no contact. */
    public static final String SKIPPED = PREFIX + "SKIPPED";

    public static final String SURVEY_ID = "surveyId";
    public static final String SURVEY_VERSION = "surveyVersion";
    public static final String INVITATION_ID = "invitationId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String SUBJECT_TYPE = "subjectType";
    public static final String SUBJECT_REF = "subjectRef";
    public static final String LANGUAGE = "language";
    public static final String ANSWERED_AT = "answeredAt";
    public static final String NPS = "nps";
    public static final String CSAT = "csat";
    public static final String CES = "ces";
    public static final String ANSWERS = "answers";
    public static final String REASON = "reason";
    public static final String TRIGGER_TOPIC = "triggerTopic";

    /** Properties another module's event must carry for an automatic invitation. */
    public static final String CONTACT_EMAIL = "contactEmail";
    /** Optional on a trigger event: {@code nl} or {@code en}; the configured default otherwise. */
    public static final String PREFERRED_LANGUAGE = "language";

    private SurveyTopics() {
    }
}
