package org.omotenashi.survey.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;
import org.omotenashi.core.events.EventReaction;
import org.omotenashi.core.events.LoggedEvent;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.survey.api.Language;
import org.omotenashi.survey.api.NewInvitation;
import org.omotenashi.survey.api.Subject;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyTopics;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invites customers when an event names a survey's trigger topic. The suite's own events come from the durable
 * event log (consumer {@value #CONSUMER}), each in the transaction that moves the consumer past it, so an
 * invitation is sent exactly once even across an update or a crash. Events other bundles post to EventAdmin
 * arrive through a handler registered for exactly the trigger topics; it passes over the log's own events.
 * An event must carry {@code customerId} and {@code contactEmail}; the subject is {@code subjectType}/{@code
 * subjectRef} or else taken from the topic, e.g. {@code omotenashi/promise/KEPT} with {@code promiseId} becomes
 * {@code promise}/{@code <promiseId>}. An invitation not sent (no contact, the contact budget, the fatigue rule)
 * is recorded with its reason.
 */
final class AutomaticInvitations implements EventHandler, EventReaction {
    /** Invitations are written in the consumer's transaction and mailed by another consumer: many events a commit. */
    static final int EVENTS_PER_TRANSACTION = 50;
    static final String CONSUMER = "survey.invitations";
    /** Who the timeline says invited, for automatic invitations. */
    static final String BY = "survey";
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticInvitations.class);

    private final StoredSurveyService surveys;
    private final DataSource dataSource;
    private final BundleContext context;
    private final Supplier<Language> defaultLanguage;
    private final Function<String, Optional<String>> holdOff;
    private volatile Map<String, List<String>> triggersBySurvey = Map.of();
    private ServiceRegistration<EventHandler> registration;

    /** @param holdOff why a customer is not to be asked now (the contact budget), empty when they may be */
    AutomaticInvitations(StoredSurveyService surveys, DataSource dataSource, BundleContext context,
                         Supplier<Language> defaultLanguage, Function<String, Optional<String>> holdOff) {
        this.surveys = surveys;
        this.dataSource = dataSource;
        this.context = context;
        this.defaultLanguage = defaultLanguage;
        this.holdOff = holdOff;
    }

    /** Reads the triggers of every survey and subscribes EventAdmin to exactly those topics. */
    synchronized void refresh() {
        Set<String> topics = loadTriggers();
        if (topics.isEmpty() || context == null) {
            closeHandler();
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, topics.toArray(new String[0]));
        if (registration == null) {
            registration = context.registerService(EventHandler.class, this, properties);
        } else {
            registration.setProperties(properties);
        }
    }

    /** Reads which survey listens to which topics; returns all of them. */
    Set<String> loadTriggers() {
        triggersBySurvey = surveys.list().stream().filter(s -> !s.triggers().isEmpty())
                .collect(Collectors.toMap(Survey::id, Survey::triggers));
        Set<String> topics = new LinkedHashSet<>();
        triggersBySurvey.values().forEach(topics::addAll);
        return topics;
    }

    synchronized void closeHandler() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    /** Whether any survey is triggered by the topic: the log consumer passes over every other event. */
    boolean wants(String topic) {
        return triggersBySurvey.values().stream().anyMatch(triggers -> triggers.stream().anyMatch(t -> matches(t, topic)));
    }

    /** An event of the log, in the consumer's transaction. */
    @Override
    public void react(Connection c, DomainEvent event) throws SQLException {
        for (String surveyId : surveysFor(event.topic())) {
            inviteOrSkip(c, surveyId, event.topic(), event.properties());
        }
    }

    /** An event another bundle posted to EventAdmin; the log's own events come through {@link #react}. */
    @Override
    public void handleEvent(Event event) {
        if (LoggedEvent.isLogged(event)) {
            return;
        }
        Map<String, Object> properties = LoggedEvent.properties(event);
        try {
            Transactions.inTransaction(dataSource, c -> {
                for (String surveyId : surveysFor(event.getTopic())) {
                    inviteOrSkip(c, surveyId, event.getTopic(), properties);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Automatic invitations after {} could not be stored", event.getTopic(), e);
        }
    }

    private List<String> surveysFor(String topic) {
        List<String> matching = new ArrayList<>();
        triggersBySurvey.forEach((surveyId, triggers) -> {
            if (triggers.stream().anyMatch(t -> matches(t, topic))) {
                matching.add(surveyId);
            }
        });
        return matching;
    }

    private void inviteOrSkip(Connection c, String surveyId, String topic, Map<String, Object> properties)
            throws SQLException {
        String customerId = text(properties, SurveyTopics.CUSTOMER_ID);
        if (customerId == null) {
            LOG.debug("Event {} names no customerId; survey {} not sent", topic, surveyId);
            return;
        }
        Subject subject = subject(topic, properties);
        String contact = text(properties, SurveyTopics.CONTACT_EMAIL);
        if (contact == null || !JsonInput.isEmail(contact)) {
            surveys.skip(c, surveyId, customerId, subject, "the event names no contact e-mail address to invite", topic);
            return;
        }
        Optional<String> held = holdOff.apply(customerId);
        if (held.isPresent()) {
            surveys.skip(c, surveyId, customerId, subject, held.get(), topic);
            LOG.info("Survey {} after {} for customer {} not sent: {}", surveyId, topic, customerId, held.get());
            return;
        }
        NewInvitation invitation = new NewInvitation(customerId, contact, language(properties), subject, (Duration) null);
        try {
            Invitations.check(invitation);
        } catch (ProblemException invalid) {
            surveys.skip(c, surveyId, customerId, subject, "the event's values cannot make an invitation: "
                    + invalid.detail(), topic);
            return;
        }
        Invitations.Attempt attempt = surveys.inviteOn(c, surveyId, invitation, topic, BY, true);
        if (attempt.issued() == null) {
            // The fatigue rule refusing is the rule working; it is on the timeline, not an error.
            surveys.skip(c, surveyId, customerId, subject, attempt.refusal(), topic);
            LOG.info("Survey {} after {} for customer {} not sent: {}", surveyId, topic, customerId, attempt.refusal());
        }
    }

    static boolean matches(String trigger, String topic) {
        return EventFilter.matches(trigger, topic);
    }

    private Language language(Map<String, Object> properties) {
        String value = text(properties, SurveyTopics.PREFERRED_LANGUAGE);
        if (value != null) {
            for (Language language : Language.values()) {
                if (language.name().equalsIgnoreCase(value)) {
                    return language;
                }
            }
        }
        return defaultLanguage.get();
    }

    static Subject subject(String topic, Map<String, Object> properties) {
        String type = text(properties, SurveyTopics.SUBJECT_TYPE);
        String ref = text(properties, SurveyTopics.SUBJECT_REF);
        if (type != null && ref != null) {
            return new Subject(type, ref);
        }
        List<String> segments = new ArrayList<>(List.of(topic.split("/")));
        String module = segments.size() >= 3 ? segments.get(segments.size() - 2) : segments.get(0);
        String id = text(properties, module + "Id");
        return new Subject(module.toLowerCase(Locale.ROOT), id != null ? id : topic);
    }

    private static String text(Map<String, Object> properties, String property) {
        Object value = properties.get(property);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
