package org.omotenashi.survey.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
 * Invites customers when another module's event names a survey's trigger topic. The handler is
 * registered for exactly the topics the surveys name, so without the promise or handover module
 * nothing arrives and nothing runs. An event must carry {@code customerId} and {@code contactEmail};
 * the subject is {@code subjectType}/{@code subjectRef} or else taken from the topic, e.g.
 * {@code omotenashi/promise/KEPT} with {@code promiseId} becomes {@code promise}/{@code <promiseId>}.
 */
final class AutomaticInvitations implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AutomaticInvitations.class);

    private final StoredSurveyService surveys;
    private final BundleContext context;
    private final Supplier<Language> defaultLanguage;
    private volatile Map<String, List<String>> triggersBySurvey = Map.of();
    private ServiceRegistration<EventHandler> registration;

    AutomaticInvitations(StoredSurveyService surveys, BundleContext context, Supplier<Language> defaultLanguage) {
        this.surveys = surveys;
        this.context = context;
        this.defaultLanguage = defaultLanguage;
    }

    /** Reads the triggers of every survey and subscribes to exactly those topics. */
    synchronized void refresh() {
        Set<String> topics = loadTriggers();
        if (topics.isEmpty()) {
            close();
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

    synchronized void close() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    @Override
    public void handleEvent(Event event) {
        for (Map.Entry<String, List<String>> survey : triggersBySurvey.entrySet()) {
            if (survey.getValue().stream().anyMatch(t -> matches(t, event.getTopic()))) {
                invite(survey.getKey(), event);
            }
        }
    }

    private void invite(String surveyId, Event event) {
        String customerId = text(event, SurveyTopics.CUSTOMER_ID);
        String contact = text(event, SurveyTopics.CONTACT_EMAIL);
        if (customerId == null || contact == null) {
            LOG.debug("Event {} names no customerId and contactEmail; survey {} not sent", event.getTopic(), surveyId);
            return;
        }
        try {
            surveys.invite(surveyId, new NewInvitation(customerId, contact, language(event), subject(event), (Duration) null),
                    event.getTopic());
        } catch (ProblemException e) {
            // The fatigue rule refusing is the rule working; nobody is waiting for this answer.
            LOG.info("Survey {} after {} for customer {} not sent: {}", surveyId, event.getTopic(), customerId, e.detail());
        }
    }

    static boolean matches(String trigger, String topic) {
        return trigger.endsWith("/*") ? topic.startsWith(trigger.substring(0, trigger.length() - 1)) : trigger.equals(topic);
    }

    private Language language(Event event) {
        String value = text(event, SurveyTopics.PREFERRED_LANGUAGE);
        if (value != null) {
            for (Language language : Language.values()) {
                if (language.name().equalsIgnoreCase(value)) {
                    return language;
                }
            }
        }
        return defaultLanguage.get();
    }

    static Subject subject(Event event) {
        String type = text(event, SurveyTopics.SUBJECT_TYPE);
        String ref = text(event, SurveyTopics.SUBJECT_REF);
        if (type != null && ref != null) {
            return new Subject(type, ref);
        }
        List<String> segments = new ArrayList<>(List.of(event.getTopic().split("/")));
        String module = segments.size() >= 3 ? segments.get(segments.size() - 2) : segments.get(0);
        String id = text(event, module + "Id");
        return new Subject(module.toLowerCase(Locale.ROOT), id != null ? id : event.getTopic());
    }

    private static String text(Event event, String property) {
        Object value = event.getProperty(property);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
