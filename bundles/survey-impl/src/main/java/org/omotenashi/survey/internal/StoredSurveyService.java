package org.omotenashi.survey.internal;

import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.survey.api.Ambassador;
import org.omotenashi.survey.api.GuestForm;
import org.omotenashi.survey.api.ImportedResponse;
import org.omotenashi.survey.api.IssuedInvitation;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.NewSurvey;
import org.omotenashi.survey.api.ResponseImport;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.Subject;
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
 * Surveys over the shared database; every change is one transaction, its event posted after the commit.
 * Registered once its tables are migrated, with the surveys' automatic invitations subscribed. The work is
 * done by its parts: definitions, invitations, responses and scores.
 */
@Component(service = SurveyService.class, immediate = true, configurationPid = "org.omotenashi.survey")
@Designate(ocd = SurveyConfig.class)
public class StoredSurveyService implements SurveyService {
    static final String CHANGELOG = "db/survey/changelog.xml";

    /** What the service needs from its configuration, read anew on every call so changes apply at once. */
    record Settings(Duration validFor, Duration fatigue, String publicBaseUrl, ZoneId zone) {
    }

    private final SurveyDefinitions definitions;
    private final Invitations invitations;
    private final Responses responses;
    private final Scores scores;
    private volatile Settings settings;
    private volatile Language defaultLanguage = Language.NL;
    private AutomaticInvitations automatic;
    private EventSubscription automaticInvitations;

    @Activate
    public StoredSurveyService(@Reference(name = "dataSource") DataSource dataSource,
                               @Reference(name = "clock") Clock clock,
                               @Reference(name = "eventLog") EventLog eventLog,
                               @Reference(name = "journey") CustomerJourney journey,
                               BundleContext context, SurveyConfig config) {
        this(migrated(dataSource), clock, new SurveyEvents(eventLog), settings(config));
        defaultLanguage = language(config);
        automatic = new AutomaticInvitations(this, dataSource, context, () -> defaultLanguage,
                customerId -> Optional.ofNullable(journey.contactBudget(customerId).reason()));
        definitions.onChange(automatic::refresh);
        automatic.refresh();
        // After a stop, an update or a crash the consumer goes on from its position: nothing triggered is lost.
        automaticInvitations = eventLog.subscribe(AutomaticInvitations.CONSUMER, automatic::wants, automatic,
                AutomaticInvitations.EVENTS_PER_TRANSACTION);
    }

    /** Without automatic invitations: only what is asked for happens. */
    StoredSurveyService(DataSource dataSource, Clock clock, SurveyEvents events, Settings settings) {
        this.settings = settings;
        DefinitionStore definitionStore = new DefinitionStore();
        InvitationStore invitationStore = new InvitationStore();
        DayRollup days = new DayRollup();
        TimelineStore timeline = new TimelineStore();
        this.definitions = new SurveyDefinitions(dataSource, clock, definitionStore);
        this.invitations = new Invitations(dataSource, clock, events, () -> this.settings, definitionStore,
                invitationStore, days, timeline);
        this.responses = new Responses(dataSource, clock, events, () -> this.settings, definitionStore, invitations,
                invitationStore, new ResponseStore(invitationStore), days, timeline);
        this.scores = new Scores(dataSource, () -> this.settings, definitionStore, new ScoreStore(), days);
    }

    private static DataSource migrated(DataSource dataSource) {
        Migrations.apply(dataSource, CHANGELOG, StoredSurveyService.class);
        return dataSource;
    }

    @Modified
    void modified(SurveyConfig config) {
        configure(settings(config));
        defaultLanguage = language(config);
    }

    @Deactivate
    void deactivate() {
        if (automaticInvitations != null) {
            automaticInvitations.close();
            automatic.closeHandler();
        }
    }

    void configure(Settings next) {
        settings = next;
    }

    /** Called after a definition changes, so automatic invitations follow the new triggers. */
    void onDefinitionsChanged(Runnable listener) {
        definitions.onChange(listener);
    }

    static Settings settings(SurveyConfig config) {
        return new Settings(Duration.ofDays(config.invitationValidDays()), Duration.ofDays(config.fatigueDays()),
                config.publicBaseUrl(), ZoneId.of(config.zone()));
    }

    private static Language language(SurveyConfig config) {
        return "en".equals(config.defaultLanguage().strip().toLowerCase(Locale.ROOT)) ? Language.EN : Language.NL;
    }

    @Override
    public Survey define(NewSurvey survey, String by) {
        return definitions.define(survey, by);
    }

    @Override
    public Survey revise(String surveyId, NewSurvey survey, Integer expectedVersion, String by) {
        return definitions.revise(surveyId, survey, expectedVersion, by);
    }

    @Override
    public List<Survey> list() {
        return definitions.list();
    }

    @Override
    public Optional<Survey> find(String surveyId) {
        return definitions.find(surveyId);
    }

    @Override
    public Optional<Survey> find(String surveyId, int version) {
        return definitions.find(surveyId, version);
    }

    @Override
    public IssuedInvitation invite(String surveyId, NewInvitation invitation) {
        return invitations.invite(surveyId, invitation);
    }

    /** An invitation of the automatic invitations, in their transaction; see {@link Invitations#inviteOn}. */
    Invitations.Attempt inviteOn(Connection c, String surveyId, NewInvitation invitation, String topic, String by,
                                 boolean mail) throws SQLException {
        return invitations.inviteOn(c, surveyId, invitation, topic, by, mail);
    }

    /** An automatic invitation not sent, in their transaction; see {@link Invitations#skip}. */
    void skip(Connection c, String surveyId, String customerId, Subject subject, String reason, String topic)
            throws SQLException {
        invitations.skip(c, surveyId, customerId, subject, reason, topic);
    }

    @Override
    public GuestForm open(String token) {
        return invitations.open(token);
    }

    @Override
    public SurveyResponse answer(String token, Map<String, String> answers) {
        return responses.answer(token, answers);
    }

    @Override
    public ResponseImport importResponses(String surveyId, List<ImportedResponse> history) {
        return responses.importResponses(surveyId, history);
    }

    @Override
    public SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, int limit, String cursor) {
        return scores.scores(surveyId, from, to, groupBy, limit, cursor, true);
    }

    /** @param fromDays false to sum every stored row even where the day rows could answer; tests compare both */
    SurveyScores scores(String surveyId, Instant from, Instant to, ScoreGroup groupBy, boolean fromDays) {
        return scores.scores(surveyId, from, to, groupBy, MAX_SCORE_GROUPS, null, fromDays);
    }

    @Override
    public List<Ambassador> ambassadors(String surveyId, Instant from, Instant to, int limit) {
        return scores.ambassadors(surveyId, from, to, limit);
    }

    @Override
    public void exportCsv(String surveyId, Instant from, Instant to, Writer out) {
        responses.exportCsv(surveyId, from, to, out);
    }
}
