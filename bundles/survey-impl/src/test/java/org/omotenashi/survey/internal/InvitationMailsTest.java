package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.mail.SmtpServer;
import org.omotenashi.core.time.MovableClock;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.QuestionType;
import org.omotenashi.testing.MemoryDatabase;
import org.omotenashi.testing.RecordedEvents;

/** Automatic invitations reach their guests by mail through a real SMTP server, also after it was away. */
public class InvitationMailsTest {
    private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");

    private final MovableClock clock = MovableClock.fixedAt(START);
    private EmbeddedDataSource dataSource;
    private RecordedEvents events;
    private StoredSurveyService surveys;
    private GreenMail smtp;
    private int port;

    @Before
    public void setUp() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        dataSource = MemoryDatabase.migrated(StoredSurveyService.CHANGELOG, StoredSurveyService.class);
        events = new RecordedEvents(dataSource, clock);
        surveys = new StoredSurveyService(dataSource, clock, new SurveyEvents(events.log()),
                new StoredSurveyService.Settings(Duration.ofDays(14), Duration.ofDays(30), "https://guest.example.org/",
                        ZoneId.of("Europe/Amsterdam")));
        surveys.define(new NewSurvey("After a kept promise", List.of(new Question("recommend", QuestionType.NPS,
                "Aanbevelen?", "Recommend?", true)), List.of("omotenashi/promise/KEPT")), "deskadmin");
    }

    @After
    public void stopSmtp() {
        smtp.stop();
    }

    private InvitationMails mails() {
        return new InvitationMails(dataSource, clock, new InvitationMails.Settings(
                new SmtpServer("127.0.0.1", port, "surveys@example.org", "", "", false, 2000),
                "Hoe ging het?", "How did it go with ${survey}?", "Link: ${link}", "Link: ${link} (until ${expiresAt})"),
                events.log());
    }

    private void keptPromiseInvitesJoost() {
        AutomaticInvitations automatic = new AutomaticInvitations(surveys, dataSource, null, () -> Language.NL,
                customer -> Optional.empty());
        automatic.loadTriggers();
        EventSubscription invitations = events.stored().subscribe(AutomaticInvitations.CONSUMER, automatic::wants, automatic);
        Transactions.inTransaction(dataSource, c -> events.log().append(c, "omotenashi/promise/KEPT", Map.of(
                "promiseId", "p-1", "customerId", "c-1", "contactEmail", "joost@example.org", "language", "en")));
        events.stored().relayNow();
        assertEquals(1, invitations.catchUp());
        invitations.close();
        events.stored().relayNow();
    }

    private String storedLink() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT LINK FROM SURVEY_MAIL")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    public void theGuestGetsTheLinkInTheirLanguageAndTheStoredLinkIsGoneAfterwards() throws Exception {
        smtp.start();
        InvitationMails mails = mails();
        keptPromiseInvitesJoost();
        assertEquals(1, mails.catchUp());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("How did it go with After a kept promise?", received[0].getSubject());
        String body = GreenMailUtil.getBody(received[0]);
        assertTrue(body, body.contains("https://guest.example.org/survey/"));
        assertNull("the guest's key is not kept once sent", storedLink());
        assertEquals(0, mails.catchUp());
        mails.deactivate();
    }

    @Test
    public void aMailServerThatIsAwayIsWaitedForAndTheInvitationIsMailedOnceItIsBack() throws Exception {
        InvitationMails mails = mails();
        keptPromiseInvitesJoost();
        assertEquals(0, mails.catchUp());
        assertTrue(storedLink().contains("/survey/"));
        assertEquals(0, events.stored().consumers().stream().filter(s -> s.consumer().equals(InvitationMails.CONSUMER))
                .findFirst().orElseThrow().setAside());
        smtp.start();
        mails.deactivate(); // a fresh start tries at once instead of after the pause
        InvitationMails again = mails();
        assertEquals(1, again.catchUp());
        assertEquals(1, smtp.getReceivedMessages().length);
        again.deactivate();
    }
}
