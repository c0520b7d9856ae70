package org.omotenashi.escalation.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.omotenashi.escalation.mail}: the SMTP server, the sender and the templates. */
@ObjectClassDefinition(pid = "org.omotenashi.escalation.mail", name = "Omotenashi escalation mail", description = "How escalation emails are sent.")
@interface MailConfig {
    @AttributeDefinition(description = "SMTP host.")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP port.", min = "1", max = "65535")
    int port() default 25;

    @AttributeDefinition(description = "Sender address.")
    String from() default "escalations@omotenashi.invalid";

    @AttributeDefinition(description = "SMTP user; empty for none.")
    String username() default "";

    /**
     * Read from {@code .password}: a property whose name starts with a dot stays in the configuration, where a
     * plain {@code password} would be copied onto the services of the components that read it, for anyone
     * allowed to list services (see {@link MailPasswordMove}).
     */
    @AttributeDefinition(description = "SMTP password (the key is .password).", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "Require STARTTLS.")
    boolean startTls() default false;

    @AttributeDefinition(description = "Milliseconds to connect to and talk with the SMTP server.")
    int timeoutMillis() default 10000;

    @AttributeDefinition(description = "Subject template; ${placeholders}: escalationId, ruleId, ruleName, level, "
            + "subjectType, subjectRef, customerId, topic and every event property.")
    String subjectTemplate() default EscalationSettings.DEFAULT_SUBJECT;

    @AttributeDefinition(description = "Body template, with the same placeholders.")
    String bodyTemplate() default EscalationSettings.DEFAULT_BODY;
}
