package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.omotenashi.core.db.Columns;
import org.omotenashi.core.db.Sql;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.Subject;

/** SQL for invitations and the contacts they went to, on a connection whose transaction the caller owns. */
final class InvitationStore {
    /** Import references looked up per statement: keeps the IN list well inside what the databases take. */
    private static final int REFS_PER_QUERY = 500;

    /** A stored invitation, as the guest's token finds it. */
    record Invitation(String id, String surveyId, int surveyVersion, String customerId, Language language,
                      Subject subject, Instant invitedAt, Instant expiresAt, Instant answeredAt) {
    }

    /**
     * Claims the contact for a new invitation unless one was sent after {@code notAfter}; false means the
     * fatigue rule refuses. The conditional update makes two simultaneous claims end with one winner.
     */
    boolean claimContact(Connection c, String contact, Instant now, Instant notAfter) throws SQLException {
        if (Sql.update(c, "UPDATE SURVEY_CONTACT SET LAST_INVITED_AT=? WHERE CONTACT=? AND LAST_INVITED_AT<=?",
                now, contact, notAfter) == 1) {
            return true;
        }
        if (lastInvited(c, contact).isPresent()) {
            return false;
        }
        Sql.update(c, "INSERT INTO SURVEY_CONTACT (CONTACT, LAST_INVITED_AT) VALUES (?,?)", contact, now);
        return true;
    }

    Optional<Instant> lastInvited(Connection c, String contact) throws SQLException {
        return Sql.one(c, "SELECT LAST_INVITED_AT FROM SURVEY_CONTACT WHERE CONTACT=?", r -> Columns.instant(r, 1), contact);
    }

    void insertInvitation(Connection c, Invitation i, String tokenHash, String contact, Periods.Keys period, String topic)
            throws SQLException {
        Sql.update(c, "INSERT INTO SURVEY_INVITATION (ID, TOKEN_HASH, SURVEY_ID, SURVEY_VERSION, CUSTOMER_ID, CONTACT, "
                + "LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, INVITED_AT, INVITED_DAY, INVITED_WEEK, INVITED_MONTH, EXPIRES_AT, "
                + "TRIGGER_TOPIC) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", p -> p.text(i.id()).text(tokenHash)
                .text(i.surveyId()).integer(i.surveyVersion()).text(i.customerId()).text(contact).name(i.language())
                .text(i.subject().type()).text(i.subject().ref()).instant(i.invitedAt()).integer(period.day())
                .integer(period.week()).integer(period.month()).instant(i.expiresAt()).text(topic));
    }

    /**
     * Stores the invitations of imported answers, invited and answered at the answer's time. The token hash
     * is a marker no SHA-256 hex can equal, so no link ever opens them.
     */
    void insertAnswered(Connection c, List<ResponseStore.Imported> rows) throws SQLException {
        Sql.batch(c, "INSERT INTO SURVEY_INVITATION (ID, TOKEN_HASH, SURVEY_ID, SURVEY_VERSION, CUSTOMER_ID, CONTACT, "
                + "LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, INVITED_AT, INVITED_DAY, INVITED_WEEK, INVITED_MONTH, EXPIRES_AT, "
                + "ANSWERED_AT, IMPORT_REF) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows, (p, row) -> {
                    var r = row.response();
                    p.text(r.invitationId()).text("imported:" + r.invitationId()).text(r.surveyId())
                            .integer(r.surveyVersion()).text(r.customerId()).text(row.contact()).name(row.language())
                            .text(r.subject().type()).text(r.subject().ref()).instant(r.answeredAt())
                            .integer(row.period().day()).integer(row.period().week()).integer(row.period().month())
                            .instant(r.answeredAt()).instant(r.answeredAt()).text(row.importRef());
                });
    }

    Optional<Invitation> invitationByToken(Connection c, String tokenHash) throws SQLException {
        return Sql.one(c, "SELECT ID, SURVEY_ID, SURVEY_VERSION, CUSTOMER_ID, LANGUAGE, SUBJECT_TYPE, SUBJECT_REF, "
                + "INVITED_AT, EXPIRES_AT, ANSWERED_AT FROM SURVEY_INVITATION WHERE TOKEN_HASH=?",
                r -> new Invitation(r.getString(1), r.getString(2), r.getInt(3), r.getString(4),
                        Language.valueOf(r.getString(5)), new Subject(r.getString(6), r.getString(7)),
                        Columns.instant(r, 8), Columns.instant(r, 9), Columns.instant(r, 10)), tokenHash);
    }

    /** Marks the invitation answered unless it already is; false means someone answered first. */
    boolean markAnswered(Connection c, String invitationId, Instant at) throws SQLException {
        return Sql.update(c, "UPDATE SURVEY_INVITATION SET ANSWERED_AT=? WHERE ID=? AND ANSWERED_AT IS NULL",
                at, invitationId) == 1;
    }

    /** The period keys an invitation was stored with, which its answer's rollup must count it under. */
    Periods.Keys invitedPeriod(Connection c, String invitationId) throws SQLException {
        return Sql.one(c, "SELECT INVITED_DAY, INVITED_WEEK, INVITED_MONTH FROM SURVEY_INVITATION WHERE ID=?",
                        r -> new Periods.Keys(r.getInt(1), r.getInt(2), r.getInt(3)), invitationId)
                .orElseThrow(() -> new SQLException("invitation " + invitationId + " vanished within its own transaction"));
    }

    /** Of {@code refs}, those an earlier import into the survey already stored. */
    Set<String> importedRefs(Connection c, String surveyId, List<String> refs) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < refs.size(); from += REFS_PER_QUERY) {
            List<String> chunk = refs.subList(from, Math.min(refs.size(), from + REFS_PER_QUERY));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            stored.addAll(Sql.list(c, "SELECT IMPORT_REF FROM SURVEY_INVITATION WHERE SURVEY_ID=? AND IMPORT_REF IN ("
                    + marks + ")", p -> p.text(surveyId).values(chunk.toArray()), r -> r.getString(1)));
        }
        return stored;
    }

    /** Queues the mail of an invitation's link, in the invitation's transaction. */
    void queueMail(Connection c, Invitation i, String recipient, String surveyName, String link, Instant now)
            throws SQLException {
        Sql.update(c, "INSERT INTO SURVEY_MAIL (INVITATION_ID, RECIPIENT, LANGUAGE, SURVEY_NAME, LINK, EXPIRES_AT, "
                + "QUEUED_AT) VALUES (?,?,?,?,?,?,?)", p -> p.text(i.id()).text(recipient).name(i.language())
                .text(surveyName).text(link).instant(i.expiresAt()).instant(now));
    }
}
