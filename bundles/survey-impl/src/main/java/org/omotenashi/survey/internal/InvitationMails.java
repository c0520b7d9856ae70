package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.sql.DataSource;

import org.omotenashi.core.db.Sql;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.EventReaction;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.events.RetryLater;
import org.omotenashi.core.mail.PlainMail;
import org.omotenashi.core.mail.SmtpServer;
import org.omotenashi.survey.api.SurveyService;
import org.omotenashi.survey.api.SurveyTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Mails the link of each automatic invitation to its guest. The mail is queued in {@code SURVEY_MAIL} with the
 * invitation; this consumer of the durable event log ({@value #CONSUMER}) sends it when the invitation's event
 * comes by, and clears the stored link once the server took the mail. A server that does not answer makes the
 * consumer wait and try again (as long as it takes), so no invitation goes unmailed; a mail the server took
 * just before a crash may be sent once more.
 */
@Component(immediate = true, service = {}, configurationPid = "org.omotenashi.survey.mail")
@Designate(ocd = SurveyMailConfig.class)
public class InvitationMails implements EventReaction {
    static final String CONSUMER = "survey.mail";

    private final DataSource dataSource;
    private final Clock clock;
    private final EventSubscription subscription;
    private volatile Settings settings;

    /** The server and the texts, per language. */
    record Settings(SmtpServer server, String subjectNl, String subjectEn, String bodyNl, String bodyEn) {
        static Settings of(SurveyMailConfig c) {
            return new Settings(new SmtpServer(c.host(), c.port(), c.from(), c.username(), c._password(), c.startTls(),
                    c.timeoutMillis()), c.subjectNl(), c.subjectEn(), c.bodyNl(), c.bodyEn());
        }
    }

    /** Starts after the survey service, whose activation migrated the tables. */
    @Activate
    public InvitationMails(@Reference(name = "dataSource") DataSource dataSource, @Reference(name = "clock") Clock clock,
                           @Reference(name = "eventLog") EventLog eventLog,
                           @Reference(name = "surveys") SurveyService surveys, SurveyMailConfig config) {
        this(dataSource, clock, Settings.of(config), eventLog);
    }

    InvitationMails(DataSource dataSource, Clock clock, Settings settings, EventLog eventLog) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        this.subscription = eventLog.subscribe(CONSUMER, SurveyTopics.INVITED::equals, this);
    }

    @Modified
    void modified(SurveyMailConfig config) {
        settings = Settings.of(config);
    }

    @Deactivate
    void deactivate() {
        subscription.close();
    }

    /** Runs the consumer now (tests). */
    int catchUp() {
        return subscription.catchUp();
    }

    @Override
    public void react(Connection c, DomainEvent event) throws SQLException {
        String invitationId = event.text(SurveyTopics.INVITATION_ID);
        if (invitationId == null) {
            return;
        }
        Optional<UnsentMail> mail = Sql.one(c, "SELECT RECIPIENT, LANGUAGE, SURVEY_NAME, LINK, EXPIRES_AT FROM SURVEY_MAIL "
                + "WHERE INVITATION_ID=? AND SENT_AT IS NULL", r -> new UnsentMail(r.getString(1), r.getString(2),
                r.getString(3), r.getString(4), Instant.ofEpochMilli(r.getLong(5))), invitationId);
        if (mail.isEmpty()) {
            return; // asked for over REST or SOAP (the caller sends the link), or sent already
        }
        send(invitationId, mail.get());
        Sql.update(c, "UPDATE SURVEY_MAIL SET SENT_AT=?, LINK=NULL WHERE INVITATION_ID=?", clock.instant(), invitationId);
    }

    /** An automatic invitation's mail as stored, waiting to be sent. */
    private record UnsentMail(String to, String language, String survey, String link, Instant expiresAt) {
    }

    private void send(String invitationId, UnsentMail mail) {
        Settings current = settings;
        boolean english = "EN".equalsIgnoreCase(mail.language());
        Map<String, String> values = Map.of("link", mail.link(), "survey", mail.survey(),
                "expiresAt", mail.expiresAt().atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate().toString());
        try {
            PlainMail.send(current.server(), List.of(mail.to()), fill(english ? current.subjectEn() : current.subjectNl(), values),
                    fill(english ? current.bodyEn() : current.bodyNl(), values).replace("\\n", "\n"),
                    Map.of("X-Omotenashi-Invitation", invitationId));
        } catch (MessagingException e) {
            throw new RetryLater("the invitation mail to " + mail.to() + " could not be sent through " + current.server()
                    + ": " + e.getMessage(), e);
        }
    }

    static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        return text;
    }
}
