package org.omotenashi.survey.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.survey}. */
@ObjectClassDefinition(name = "Omotenashi survey", description = "Satisfaction surveys: invitations, fatigue rule, guest page.")
@interface SurveyConfig {
    @AttributeDefinition(description = "Days an invitation link works when the request names no validity.", min = "1", max = "365")
    int invitationValidDays() default 14;

    @AttributeDefinition(description = "Days after an invitation during which the same contact is not invited again "
            + "(by any survey). 0 switches the rule off.", min = "0", max = "3650")
    int fatigueDays() default 30;

    @AttributeDefinition(description = "Start of the links sent to guests; the page is at <publicBaseUrl>/survey/<token>.")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Language of automatic invitations whose event names none: nl or en.")
    String defaultLanguage() default "nl";

    @AttributeDefinition(description = "Time zone in which answers are put in days, weeks and months for the scores. "
            + "Applies to answers stored after a change.")
    String zone() default "Europe/Amsterdam";

    @AttributeDefinition(description = "LDAP filter selecting the DataSource service to store surveys in.")
    String dataSource_target() default "(dataSourceName=omotenashi)";
}
