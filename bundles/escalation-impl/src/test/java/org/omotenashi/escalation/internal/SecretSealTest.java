package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.EscalationRule;

/** Webhook secrets are kept sealed in the database, under a key that is not in it. */
public class SecretSealTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void aSealedSecretOpensOnlyWithItsOwnKey() {
        SecretSeal seal = SecretSeal.withNewKey();
        String sealed = seal.seal(SECRET);
        assertTrue(sealed, sealed.startsWith(SecretSeal.PREFIX));
        assertFalse(sealed, sealed.contains(SECRET));
        assertNotEquals("a fresh nonce each time", sealed, seal.seal(SECRET));
        assertEquals(SECRET, seal.open(sealed));
        try {
            SecretSeal.withNewKey().open(sealed);
            fail("opened with another key");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("another key"));
        }
        assertEquals("stored before sealing: read as it is", SECRET, seal.open(SECRET));
    }

    @Test
    public void theKeyFileIsCreatedOnceForItsOwnerAndReadByEveryoneAfter() throws Exception {
        Path file = folder.getRoot().toPath().resolve("etc/omotenashi-escalation.key");
        SecretSeal first = SecretSeal.fromKeyFile(file);
        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String key = Files.readString(file);
        SecretSeal second = SecretSeal.fromKeyFile(file);
        assertEquals("the existing key is kept", key, Files.readString(file));
        assertEquals(SECRET, second.open(first.seal(SECRET)));
    }

    @Test
    public void rulesAndDeliveriesKeepTheSecretSealedInTheDatabase() throws Exception {
        EscalationFixture f = new EscalationFixture(EscalationFixture.FRIDAY_10);
        EscalationRule rule = webhookRuleThatFired(f);

        assertFalse(column(f, "SELECT DEFINITION FROM ESCALATION_RULE").get(0).contains(SECRET));
        String stored = column(f, "SELECT SECRET FROM ESCALATION_DELIVERY").get(0);
        assertTrue(stored, stored.startsWith(SecretSeal.PREFIX));
        assertEquals(SECRET, f.escalations.rule(rule.id()).orElseThrow().actions().stream()
                .filter(a -> a.type() == ActionType.WEBHOOK).findFirst().orElseThrow().secret());
    }

    @Test
    public void secretsStoredInTheClearAreSealedWhenTheModuleStarts() throws Exception {
        EscalationFixture f = new EscalationFixture(EscalationFixture.FRIDAY_10);
        EscalationRule rule = webhookRuleThatFired(f);
        // As an earlier version left them: secrets in the clear.
        String clear = f.seal.openIn(column(f, "SELECT DEFINITION FROM ESCALATION_RULE").get(0));
        execute(f, "UPDATE ESCALATION_RULE SET DEFINITION='" + clear.replace("'", "''") + "'");
        execute(f, "UPDATE ESCALATION_DELIVERY SET SECRET='" + SECRET + "'");

        StoredEscalations restarted = new StoredEscalations(f.dataSource, f.seal, f.clock, f.calendar,
                new EscalationEvents(f.eventAdmin.log()), () -> null, EscalationFixture.settingsAllowingLocalWebhooks());

        assertFalse(column(f, "SELECT DEFINITION FROM ESCALATION_RULE").get(0).contains(SECRET));
        assertTrue(column(f, "SELECT SECRET FROM ESCALATION_DELIVERY").get(0).startsWith(SecretSeal.PREFIX));
        assertEquals(SECRET, restarted.rule(rule.id()).orElseThrow().actions().get(0).secret());
    }

    /** A rule with a webhook and its secret, fired once, so a delivery waits in the outbox. */
    private static EscalationRule webhookRuleThatFired(EscalationFixture f) {
        EscalationRule rule = f.rule("{'name':'Broken','trigger':'omotenashi/promise/BROKEN',"
                + "'actions':[{'type':'WEBHOOK','url':'https://facility.example.org/hook','secret':'" + SECRET + "'}]}");
        f.escalations.onEvent("omotenashi/promise/BROKEN", EscalationFixture.promiseEvent("p-1", "c-1"));
        return rule;
    }

    private static List<String> column(EscalationFixture f, String sql) throws SQLException {
        try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    private static void execute(EscalationFixture f, String sql) throws SQLException {
        try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
