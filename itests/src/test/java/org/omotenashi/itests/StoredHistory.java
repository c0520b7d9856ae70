package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A long history written straight into a stopped distribution's embedded database, row for row what the promise
 * and answer imports write (and, for promises past their date, what keeping them or the due-date sweep writes after):
 * Derby's bulk import of files fills the empty tables and builds their indexes once, where a million imports through
 * the endpoints would each update every index. The distribution must have run once (its tables migrated) and be stopped.
 */
final class StoredHistory {
    /** The zone the survey's day, week and month keys are computed in (the survey module's default). */
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String[] SUBJECTS = {"promise", "handover", "ticket"};
    /** A table of a million rows loads in well under two minutes on two cores. */
    private static final Duration LOAD_BOUND = Duration.ofMinutes(10);

    private final Path database;
    private final Path files;
    private long seq;

    /** The database below a distribution's Karaf home; the files it loads are written to {@code files} and removed. */
    StoredHistory(Path karafHome, Path files) {
        this.database = karafHome.resolve("data/omotenashi/derby");
        this.files = files;
        // Derby's own log beside the files, not in the working folder.
        System.setProperty("derby.stream.error.file", files.resolveSibling("derby.log").toAbsolutePath().toString());
        // Ordered as OrderedIds numbers a quick writer: the time shifted left by 22 bits, 1,024 apart.
        this.seq = System.currentTimeMillis() << 22;
    }

    /** The promise generator of the memory test: row {@code i} of {@code rows}, due over the year before and the month after now. */
    static Instant due(int i, int rows, Instant now) {
        return now.minus(Duration.ofDays(365)).plusSeconds(395L * 86_400 * i / rows);
    }

    /** The answer generator of the memory test: row {@code i} of {@code rows}, answered over the year before now. */
    static Instant answered(int i, int rows, Instant now) {
        return now.minus(Duration.ofDays(365)).plusSeconds(364L * 86_400 * i / rows);
    }

    static String subject(int i) {
        return SUBJECTS[i % 3];
    }

    /** The three answers of row {@code i}: recommend (0–10), satisfied (1–5), effort (1–7). */
    static int[] scores(int i) {
        Random random = new Random(i * 31L + 7);
        return new int[] {random.nextInt(11), 1 + random.nextInt(5), 1 + random.nextInt(7)};
    }

    /**
     * Promises {@code 0..count-1} and answers {@code 0..count-1} of a generator sized {@code rows}, into empty tables.
     *
     * @return the bytes of the files it loaded from
     */
    long load(String surveyId, int count, int rows, int customers, Instant now) throws Exception {
        Files.createDirectories(files);
        Path promises = files.resolve("promise.csv");
        Path history = files.resolve("promise-history.csv");
        Path invitations = files.resolve("survey-invitation.csv");
        Path responses = files.resolve("survey-response.csv");
        Path timeline = files.resolve("survey-timeline.csv");
        int version;
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + database)) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT CURRENT_VERSION FROM SURVEY WHERE ID='" + surveyId + "'")) {
                r.next();
                version = r.getInt(1);
            }
            writePromises(promises, history, count, rows, customers, now);
            writeAnswers(invitations, responses, timeline, surveyId, version, count, rows, customers, now);
            c.setAutoCommit(false);
            load(c, "PROMISE", "ID,CUSTOMER_ID,CUSTOMER_NAME,DESCRIPTION,PROMISED_BY,OWNER,CHANNEL,MADE_AT,DUE_AT,STATUS,"
                    + "KEPT_AT,BROKEN_AT,DUE_SOON_AT,RENEGOTIATION_COUNT,VERSION", promises, count);
            load(c, "PROMISE_HISTORY", "SEQ,PROMISE_ID,CUSTOMER_ID,HAPPENED_AT,ACTION,ACTOR,DETAILS", history, -1);
            load(c, "SURVEY_INVITATION", "ID,TOKEN_HASH,SURVEY_ID,SURVEY_VERSION,CUSTOMER_ID,CONTACT,LANGUAGE,SUBJECT_TYPE,"
                    + "SUBJECT_REF,INVITED_AT,INVITED_DAY,INVITED_WEEK,INVITED_MONTH,EXPIRES_AT,ANSWERED_AT", invitations, count);
            load(c, "SURVEY_RESPONSE", "INVITATION_ID,SURVEY_ID,SURVEY_VERSION,CUSTOMER_ID,SUBJECT_TYPE,SUBJECT_REF,"
                    + "ANSWERED_AT,ANSWERED_DAY,ANSWERED_WEEK,ANSWERED_MONTH,NPS,CSAT,CES,ANSWERS", responses, count);
            load(c, "SURVEY_TIMELINE", "SEQ,CUSTOMER_ID,HAPPENED_AT,KIND,SURVEY_ID,INVITATION_ID,SUBJECT_TYPE,SUBJECT_REF,"
                    + "NPS,CSAT,CES", timeline, count);
            try (Statement s = c.createStatement()) {
                // The day rollup an import keeps up to date as it writes, summed once (as the migration that made it does).
                s.executeUpdate("INSERT INTO SURVEY_DAY (SURVEY_ID, DAY, WEEK, MONTH, INVITED, INVITED_ANSWERED, ANSWERED, "
                        + "PROMOTERS, PASSIVES, DETRACTORS, SATISFIED, CSAT_ANSWERS, CES_SUM, CES_ANSWERS) "
                        + "SELECT SURVEY_ID, ANSWERED_DAY, MAX(ANSWERED_WEEK), MAX(ANSWERED_MONTH), CAST(COUNT(*) AS BIGINT), "
                        + "CAST(COUNT(*) AS BIGINT), CAST(COUNT(*) AS BIGINT), CAST(SUM(CASE WHEN NPS>=9 THEN 1 ELSE 0 END) AS BIGINT), "
                        + "CAST(SUM(CASE WHEN NPS BETWEEN 7 AND 8 THEN 1 ELSE 0 END) AS BIGINT), "
                        + "CAST(SUM(CASE WHEN NPS<=6 THEN 1 ELSE 0 END) AS BIGINT), CAST(SUM(CASE WHEN CSAT>=4 THEN 1 ELSE 0 END) AS BIGINT), "
                        + "CAST(COUNT(CSAT) AS BIGINT), COALESCE(SUM(CAST(CES AS BIGINT)), 0), CAST(COUNT(CES) AS BIGINT) "
                        + "FROM SURVEY_RESPONSE GROUP BY SURVEY_ID, ANSWERED_DAY");
            }
            c.commit();
        } finally {
            shutdown();
        }
        long bytes;
        try (Stream<Path> written = Files.list(files)) {
            bytes = written.mapToLong(p -> p.toFile().length()).sum();
        }
        try (Stream<Path> written = Files.list(files)) {
            for (Path p : written.toList()) {
                Files.delete(p);
            }
        }
        return bytes;
    }

    private void shutdown() {
        try {
            DriverManager.getConnection("jdbc:derby:" + database + ";shutdown=true").close();
        } catch (SQLException e) {
            // 08006: the database was shut down, as asked
            assertEquals(e.getMessage(), "08006", e.getSQLState());
        }
    }

    private static void load(Connection c, String table, String columns, Path file, int expected) throws SQLException {
        try (CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, ?, NULL, ?, ',', '\"', 'UTF-8', 1)")) {
            call.setQueryTimeout((int) LOAD_BOUND.toSeconds());
            call.setString(1, table);
            call.setString(2, columns);
            call.setString(3, file.toAbsolutePath().toString());
            call.execute();
        }
        if (expected >= 0) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                assertEquals(table, expected, r.getInt(1));
            }
        }
    }

    /**
     * As the import writes them (OPEN, a MADE step), except that a promise past its date by now was kept two days
     * before it (KEPT, a KEPT step) or, one in five, broken by the sweep (flagged a day before, BROKEN 20 s after it).
     */
    private void writePromises(Path promises, Path history, int count, int rows, int customers, Instant now) throws IOException {
        try (BufferedWriter p = Files.newBufferedWriter(promises); BufferedWriter h = Files.newBufferedWriter(history)) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String customer = "c-" + (i % customers);
                String owner = "team-" + (i % 50);
                String promisedBy = "sales-" + (i % 30);
                Instant due = due(i, rows, now).truncatedTo(ChronoUnit.MILLIS);
                Instant made = due.minus(Duration.ofDays(14));
                boolean past = due.isBefore(now);
                boolean broken = past && i % 5 == 0;
                Instant kept = past && !broken ? due.minus(Duration.ofDays(2)) : null;
                Instant brokenAt = broken ? due.plusSeconds(20) : null;
                String status = !past ? "OPEN" : broken ? "BROKEN" : "KEPT";
                row(p, id, customer, text("Customer " + (i % customers)), text("Replace the filters of air handling unit " + (i % 7)),
                        promisedBy, owner, "FM_SYSTEM", millis(made), millis(due), status, millis(kept), millis(brokenAt),
                        broken ? millis(due.minus(Duration.ofHours(24))) : "", "0", past ? "2" : "1");
                row(h, Long.toString(nextSeq()), id, customer, millis(made), "MADE", promisedBy,
                        text("{\"dueAt\":\"" + due + "\",\"owner\":\"" + owner + "\",\"channel\":\"FM_SYSTEM\"}"));
                if (kept != null) {
                    row(h, Long.toString(nextSeq()), id, customer, millis(kept), "KEPT", owner, "");
                } else if (broken) {
                    row(h, Long.toString(nextSeq()), id, customer, millis(brokenAt), "BROKEN", "",
                            text("{\"dueAt\":\"" + due + "\"}"));
                }
            }
        }
    }

    /** As the answer import writes them: an invitation invited and answered at the answer's time, the answer, its timeline row. */
    private void writeAnswers(Path invitations, Path responses, Path timeline, String surveyId, int version, int count, int rows,
                              int customers, Instant now) throws IOException {
        try (BufferedWriter inv = Files.newBufferedWriter(invitations); BufferedWriter res = Files.newBufferedWriter(responses);
             BufferedWriter tl = Files.newBufferedWriter(timeline)) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String customer = "c-" + (i % customers);
                Instant at = answered(i, rows, now);
                String ms = millis(at);
                LocalDate date = at.atZone(ZONE).toLocalDate();
                String day = Long.toString(date.toEpochDay());
                String week = Long.toString(date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toEpochDay());
                String month = Integer.toString(date.getYear() * 100 + date.getMonthValue());
                int[] s = scores(i);
                String ref = "s-" + i;
                row(inv, id, "imported:" + id, surveyId, Integer.toString(version), customer, "\"\"", "NL", subject(i), ref,
                        ms, day, week, month, ms, ms);
                row(res, id, surveyId, Integer.toString(version), customer, subject(i), ref, ms, day, week, month,
                        Integer.toString(s[0]), Integer.toString(s[1]), Integer.toString(s[2]),
                        text("{\"recommend\":\"" + s[0] + "\",\"satisfied\":\"" + s[1] + "\",\"effort\":\"" + s[2] + "\"}"));
                row(tl, Long.toString(nextSeq()), customer, ms, "ANSWERED", surveyId, id, subject(i), ref,
                        Integer.toString(s[0]), Integer.toString(s[1]), Integer.toString(s[2]));
            }
        }
    }

    private long nextSeq() {
        seq += 1L << 10;
        return seq;
    }

    /** Empty means NULL to Derby's import; a text is quoted, its quotes doubled. */
    private static String text(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String millis(Instant at) {
        return at == null ? "" : Long.toString(at.toEpochMilli());
    }

    private static void row(BufferedWriter out, String... fields) throws IOException {
        out.write(String.join(",", fields));
        out.write('\n');
    }
}
