package org.omotenashi.survey.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.survey.mail}: how automatic invitations are mailed. */
@ObjectClassDefinition(name = "Omotenashi survey mail", description = "The SMTP server and texts of the invitation mails.")
@interface SurveyMailConfig {
    @AttributeDefinition(description = "SMTP host.")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP port.", min = "1", max = "65535")
    int port() default 25;

    @AttributeDefinition(description = "Sender address.")
    String from() default "surveys@omotenashi.invalid";

    @AttributeDefinition(description = "SMTP user; empty for none.")
    String username() default "";

    @AttributeDefinition(description = "SMTP password.", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "Require STARTTLS.")
    boolean startTls() default false;

    @AttributeDefinition(description = "Milliseconds to connect to and talk with the SMTP server.")
    int timeoutMillis() default 10000;

    @AttributeDefinition(description = "Subject in Dutch; ${survey} is the survey's name.")
    String subjectNl() default "Hoe hebben wij het gedaan?";

    @AttributeDefinition(description = "Subject in English; ${survey} is the survey's name.")
    String subjectEn() default "How did we do?";

    @AttributeDefinition(description = "Body in Dutch; ${link} is the guest's one-time link, ${expiresAt} its last day, "
            + "${survey} the survey's name.")
    String bodyNl() default "Goedendag,\\n\\nWij horen graag hoe het ging. Het kost een minuut:\\n\\n${link}\\n\\n"
            + "De link werkt één keer, tot en met ${expiresAt}.\\n\\nMet vriendelijke groet";

    @AttributeDefinition(description = "Body in English, with the same placeholders.")
    String bodyEn() default "Hello,\\n\\nWe would like to hear how it went. It takes a minute:\\n\\n${link}\\n\\n"
            + "The link works once, until ${expiresAt}.\\n\\nKind regards";
}
