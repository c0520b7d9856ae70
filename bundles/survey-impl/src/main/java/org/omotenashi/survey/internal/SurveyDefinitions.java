package org.omotenashi.survey.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.Survey;

/** Survey definitions: defined once, revised into new versions; answers keep the version they were given to. */
final class SurveyDefinitions {
    private final DataSource dataSource;
    private final Clock clock;
    private final DefinitionStore store;
    private volatile Runnable changed = () -> { };

    SurveyDefinitions(DataSource dataSource, Clock clock, DefinitionStore store) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.store = store;
    }

    /** Called after a definition changes, so automatic invitations follow the new triggers. */
    void onChange(Runnable listener) {
        changed = listener;
    }

    Survey define(NewSurvey request, String by) {
        NewSurvey checked = SurveyRules.definition(request);
        Survey survey = new Survey(UUID.randomUUID().toString(), 1, checked.name(), checked.questions(), checked.triggers(),
                clock.instant(), by);
        Transactions.inTransaction(dataSource, c -> {
            store.insertSurvey(c, survey);
            return null;
        });
        changed.run();
        return survey;
    }

    Survey revise(String surveyId, NewSurvey request, Integer expectedVersion, String by) {
        NewSurvey checked = SurveyRules.definition(request);
        Survey revised = Transactions.inTransaction(dataSource, c -> {
            Survey current = store.current(c, surveyId).orElseThrow(() -> ProblemException.notFound("survey", surveyId));
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw ProblemException.staleVersion(current.version());
            }
            Survey next = new Survey(surveyId, current.version() + 1, checked.name(), checked.questions(), checked.triggers(),
                    clock.instant(), by);
            if (!store.insertNextVersion(c, next)) {
                throw ProblemException.conflict("The survey was changed at the same moment; fetch it and try again.");
            }
            return next;
        });
        changed.run();
        return revised;
    }

    List<Survey> list() {
        return Transactions.read(dataSource, store::allCurrent);
    }

    Optional<Survey> find(String surveyId) {
        return Transactions.read(dataSource, c -> store.current(c, surveyId));
    }

    Optional<Survey> find(String surveyId, int version) {
        return Transactions.read(dataSource, c -> store.version(c, surveyId, version));
    }
}
