package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.omotenashi.core.db.Sql;

/**
 * SQL for rules, on a connection whose transaction the caller owns. A rule is stored as its JSON definition
 * with every webhook secret sealed; it is read back opened, so nothing else sees a sealed secret.
 */
final class RuleStore {
    private final SecretSeal seal;

    RuleStore(SecretSeal seal) {
        this.seal = seal;
    }

    /** A stored rule: its JSON definition and bookkeeping. */
    record StoredRule(String id, String definition, String source, long version) {
    }

    List<StoredRule> rules(Connection c) throws SQLException {
        return Sql.list(c, "SELECT ID, DEFINITION, SOURCE, VERSION FROM ESCALATION_RULE ORDER BY ID",
                r -> new StoredRule(r.getString(1), seal.openIn(r.getString(2)), r.getString(3), r.getLong(4)));
    }

    void insertRule(Connection c, String id, String name, String definition, String source, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO ESCALATION_RULE (ID, NAME, DEFINITION, SOURCE, UPDATED_AT, VERSION) VALUES (?,?,?,?,?,1)",
                id, name, seal.sealIn(definition), source, now);
    }

    boolean updateRule(Connection c, String id, String name, String definition, String source, long version, Instant now)
            throws SQLException {
        return Sql.update(c, "UPDATE ESCALATION_RULE SET NAME=?, DEFINITION=?, SOURCE=?, UPDATED_AT=?, VERSION=? "
                + "WHERE ID=? AND VERSION=?", name, seal.sealIn(definition), source, now, version + 1, id, version) == 1;
    }

    boolean deleteRule(Connection c, String id) throws SQLException {
        return Sql.update(c, "DELETE FROM ESCALATION_RULE WHERE ID=?", id) == 1;
    }

    /** Seals the secrets of rule definitions stored in the clear; returns how many rules it rewrote. */
    int sealStoredSecrets(Connection c) throws SQLException {
        List<String[]> stored = Sql.list(c, "SELECT ID, DEFINITION FROM ESCALATION_RULE",
                r -> new String[] {r.getString(1), r.getString(2)});
        int sealed = 0;
        for (String[] rule : stored) {
            if (seal.holdsOpenSecrets(rule[1])) {
                sealed += Sql.update(c, "UPDATE ESCALATION_RULE SET DEFINITION=? WHERE ID=?", seal.sealIn(rule[1]), rule[0]);
            }
        }
        return sealed;
    }
}
