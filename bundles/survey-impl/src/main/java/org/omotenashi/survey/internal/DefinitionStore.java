package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import org.omotenashi.core.db.Sql;
import org.omotenashi.survey.api.Question;
import org.omotenashi.survey.api.Survey;

/** SQL for survey definitions and their versions, on a connection whose transaction the caller owns. */
final class DefinitionStore {
    private static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> TOPICS = new TypeReference<>() { };
    private static final String CURRENT = "SELECT v.SURVEY_ID, v.VERSION, v.NAME, v.QUESTIONS, v.TRIGGERS, v.CREATED_AT, "
            + "v.CREATED_BY FROM SURVEY s JOIN SURVEY_VERSION v ON v.SURVEY_ID=s.ID AND v.VERSION=s.CURRENT_VERSION";

    void insertSurvey(Connection c, Survey s) throws SQLException {
        Sql.update(c, "INSERT INTO SURVEY (ID, NAME, CURRENT_VERSION, CREATED_AT) VALUES (?,?,?,?)",
                s.id(), s.name(), s.version(), s.createdAt());
        insertVersion(c, s);
    }

    /** Moves the survey to a new version, if nobody else did since {@code s.version() - 1}. */
    boolean insertNextVersion(Connection c, Survey s) throws SQLException {
        if (Sql.update(c, "UPDATE SURVEY SET NAME=?, CURRENT_VERSION=? WHERE ID=? AND CURRENT_VERSION=?",
                s.name(), s.version(), s.id(), s.version() - 1) != 1) {
            return false;
        }
        insertVersion(c, s);
        return true;
    }

    private void insertVersion(Connection c, Survey s) throws SQLException {
        Sql.update(c, "INSERT INTO SURVEY_VERSION (SURVEY_ID, VERSION, NAME, QUESTIONS, TRIGGERS, CREATED_AT, CREATED_BY) "
                + "VALUES (?,?,?,?,?,?,?)", p -> p.text(s.id()).integer(s.version()).text(s.name())
                .text(StoredJson.write(s.questions())).text(StoredJson.write(s.triggers())).instant(s.createdAt())
                .text(s.createdBy()));
    }

    Optional<Survey> current(Connection c, String id) throws SQLException {
        return Sql.one(c, CURRENT + " WHERE s.ID=?", DefinitionStore::survey, id);
    }

    Optional<Survey> version(Connection c, String id, int version) throws SQLException {
        return Sql.one(c, "SELECT SURVEY_ID, VERSION, NAME, QUESTIONS, TRIGGERS, CREATED_AT, CREATED_BY "
                + "FROM SURVEY_VERSION WHERE SURVEY_ID=? AND VERSION=?", DefinitionStore::survey, id, version);
    }

    List<Survey> allCurrent(Connection c) throws SQLException {
        return Sql.list(c, CURRENT + " ORDER BY v.NAME, v.SURVEY_ID", DefinitionStore::survey);
    }

    private static Survey survey(ResultSet r) throws SQLException {
        return new Survey(r.getString(1), r.getInt(2), r.getString(3), StoredJson.read(r.getString(4), QUESTIONS),
                StoredJson.read(r.getString(5), TOPICS), Instant.ofEpochMilli(r.getLong(6)), r.getString(7));
    }
}
