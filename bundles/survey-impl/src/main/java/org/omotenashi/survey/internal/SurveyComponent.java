package org.omotenashi.survey.internal;

import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.ResponseImport;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyResponse;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the survey service once its tables are migrated, and starts the surveys' automatic invitations as a
 * consumer of the durable event log; the service itself is plain Java, testable without OSGi.
 */
@Component(service = SurveyService.class, configurationPid = "org.omotenashi.survey")
@Designate(ocd = SurveyConfig.class)
public class SurveyComponent implements SurveyService {
    static final String CHANGELOG = "db/survey/changelog.xml";

    private final StoredSurveyService surveys;
    private final AutomaticInvitations automatic;
    private final EventSubscription invitations;
    private volatile Language defaultLanguage;

    @Activate
    public SurveyComponent(@Reference(name = "dataSource") DataSource dataSource,
                           @Reference(name = "clock") Clock clock,
                           @Reference(name = "eventLog") EventLog eventLog,
                           BundleContext context, SurveyConfig config) {
        Migrations.apply(dataSource, CHANGELOG, SurveyComponent.class);
        surveys = new StoredSurveyService(dataSource, clock, new SurveyEvents(eventLog), settings(config));
        defaultLanguage = language(config);
        automatic = new AutomaticInvitations(surveys, dataSource, context, () -> defaultLanguage,
                customerId -> java.util.Optional.empty());
        surveys.onDefinitionsChanged(automatic::refresh);
        automatic.refresh();
        // After a stop, an update or a crash the consumer goes on from its position: nothing triggered is lost.
        invitations = eventLog.subscribe(AutomaticInvitations.CONSUMER, automatic::wants, automatic);
    }

    @Modified
    void modified(SurveyConfig config) {
        surveys.configure(settings(config));
        defaultLanguage = language(config);
    }

    @Deactivate
    void deactivate() {
        invitations.close();
        automatic.closeHandler();
    }

    static StoredSurveyService.Settings settings(SurveyConfig config) {
        return new StoredSurveyService.Settings(Duration.ofDays(config.invitationValidDays()),
                Duration.ofDays(config.fatigueDays()), config.publicBaseUrl(), ZoneId.of(config.zone()));
    }

    private static Language language(SurveyConfig config) {
        return "en".equals(config.defaultLanguage().strip().toLowerCase(Locale.ROOT)) ? Language.EN : Language.NL;
    }

    @Override
    public Survey define(NewSurvey survey, String by) {
        return surveys.define(survey, by);
    }

    @Override
    public Survey revise(String surveyId, NewSurvey survey, Integer expectedVersion, String by) {
        return surveys.revise(surveyId, survey, expectedVersion, by);
    }

    @Override
    public List<Survey> list() {
        return surveys.list();
    }

    @Override
    public Optional<Survey> find(String surveyId) {
        return surveys.find(surveyId);
    }

    @Override
    public Optional<Survey> find(String surveyId, int version) {
        return surveys.find(surveyId, version);
    }

    @Override
    public IssuedInvitation invite(String surveyId, NewInvitation invitation) {
        return surveys.invite(surveyId, invitation);
    }

    @Override
    public GuestForm open(String token) {
        return surveys.open(token);
    }

    @Override
    public SurveyResponse answer(String token, Map<String, String> answers) {
        return surveys.answer(token, answers);
    }

    @Override
    public ResponseImport importResponses(String surveyId, List<ImportedResponse> responses) {
        return surveys.importResponses(surveyId, responses);
    }

    @Override
    public SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy) {
        return surveys.scores(surveyId, from, to, groupBy);
    }

    @Override
    public List<Ambassador> ambassadors(String surveyId, Instant from, Instant to, int limit) {
        return surveys.ambassadors(surveyId, from, to, limit);
    }

    @Override
    public void exportCsv(String surveyId, Instant from, Instant to, Writer out) {
        surveys.exportCsv(surveyId, from, to, out);
    }
}
