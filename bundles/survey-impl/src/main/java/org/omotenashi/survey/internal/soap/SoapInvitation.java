package org.omotenashi.survey.internal.soap;

/** Who to invite about what; language nl or en, validDays optional. */
public class SoapInvitation {
    public String customerId;
    public String contactEmail;
    public String language;
    public String subjectType;
    public String subjectRef;
    public Integer validDays;
}
