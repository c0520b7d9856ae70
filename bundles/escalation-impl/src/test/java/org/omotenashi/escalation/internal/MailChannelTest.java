package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import javax.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;

/** NOTIFY rows through a real SMTP server. */
public class MailChannelTest {
    private GreenMail smtp;
    private int port;

    @Before
    public void startSmtp() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @After
    public void stopSmtp() {
        smtp.stop();
    }

    @Test
    public void aNotifyRowArrivesAsMailToEveryRecipient() throws Exception {
        EscalationFixture f = new EscalationFixture(EscalationFixture.FRIDAY_10);
        f.rule("{'name':'Mail','trigger':'omotenashi/promise/BROKEN','actions':[{'type':'NOTIFY',"
                + "'to':['desk@example.org','lead@example.org'],'subject':'Broken: ${subjectRef} of ${customerId}'}]}");
        f.escalations.onEvent("omotenashi/promise/BROKEN", EscalationFixture.promiseEvent("p-9", "c-1"));
        Outbox outbox = new Outbox(f.dataSource, f.seal, f.clock, Map.of(ActionType.NOTIFY, new MailChannel(config(port))),
                new Backoff(java.time.Duration.ofSeconds(5), java.time.Duration.ofHours(1)), java.time.Duration.ofHours(1),
                java.time.Duration.ofMinutes(1));
        assertEquals(1, outbox.deliverDue());
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(2, mails.length);
        assertEquals("Broken: p-9 of c-1", mails[0].getSubject());
        assertTrue(GreenMailUtil.getBody(mails[0]).contains("p-9"));
        List<Delivery> rows = f.escalations.deliveries(DeliveryStatus.DELIVERED, 10);
        assertEquals(1, rows.size());
    }

    static MailConfig config(int port) {
        return new MailConfig() {
            @Override public Class<? extends Annotation> annotationType() { return MailConfig.class; }
            @Override public String host() { return "127.0.0.1"; }
            @Override public int port() { return port; }
            @Override public String from() { return "escalations@example.org"; }
            @Override public String username() { return ""; }
            @Override public String _password() { return ""; }
            @Override public boolean startTls() { return false; }
            @Override public int timeoutMillis() { return 5000; }
            @Override public String subjectTemplate() { return EscalationSettings.DEFAULT_SUBJECT; }
            @Override public String bodyTemplate() { return EscalationSettings.DEFAULT_BODY; }
        };
    }
}
