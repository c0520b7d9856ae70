package org.omotenashi.core.internal.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.omotenashi.core.customer.ContactBudget;
import org.omotenashi.core.customer.ContactHold;
import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.customer.CustomerSummary;
import org.omotenashi.core.customer.JourneySource;
import org.omotenashi.core.customer.TimelineEntry;
import org.omotenashi.core.customer.TimelineQuery;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.query.PageCursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The customer's journey merged from the sources of the modules installed right now. A page asks each source for
 * one entry more than it shows, merges them newest first (time, then source name, then entry number: a total
 * order, so a cursor names exactly where the next page starts) and hands out the place of its last entry as the
 * cursor. A module removed takes its entries with it; one added shows all of its history at once.
 */
@Component(service = CustomerJourney.class, configurationPid = "org.omotenashi.customer")
@Designate(ocd = ContactBudgetConfig.class)
public final class MergedCustomerJourney implements CustomerJourney {
    static final int MAX_ID = 100;
    private static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::at)
            .thenComparing(e -> source(e.id())).thenComparingLong(e -> seq(e.id())).reversed();

    private final Clock clock;
    private final List<JourneySource> sources = new CopyOnWriteArrayList<>();
    private volatile Rules rules;

    /** The contact budget's rules, as configured. */
    record Rules(boolean holdWhileEscalationOpen, Duration quietAfterBrokenPromise) {
        static Rules of(ContactBudgetConfig config) {
            return new Rules(config.holdWhileEscalationOpen(), Duration.ofDays(Math.max(0, config.quietDaysAfterBrokenPromise())));
        }
    }

    @Activate
    public MergedCustomerJourney(@Reference(name = "clock") Clock clock, ContactBudgetConfig config) {
        this(clock, Rules.of(config));
    }

    MergedCustomerJourney(Clock clock, Rules rules) {
        this.clock = clock;
        this.rules = rules;
    }

    @Modified
    void modified(ContactBudgetConfig config) {
        rules = Rules.of(config);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(JourneySource source) {
        sources.add(source);
    }

    void removeSource(JourneySource source) {
        sources.remove(source);
    }

    @Override
    public Page<TimelineEntry> timeline(String customerId, Instant from, Instant to, Set<String> types, Integer limit,
                                        String cursor) {
        String customer = customer(customerId);
        int size = PageCursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<String> after = PageCursor.decodeFor("timeline", cursor, 3);
        Instant afterAt = after == null ? null : Instant.ofEpochMilli(number(after.get(0)));
        String afterSource = after == null ? null : after.get(1);
        long afterSeq = after == null ? 0 : number(after.get(2));
        Map<String, Set<String>> kinds = kinds(types == null ? Set.of() : types);
        List<TimelineEntry> merged = new ArrayList<>();
        for (JourneySource source : sources) {
            String name = source.name();
            if (!kinds.isEmpty() && !kinds.containsKey(name)) {
                continue;
            }
            long beforeSeq = afterAt == null ? 0
                    : name.equals(afterSource) ? afterSeq : name.compareTo(afterSource) < 0 ? Long.MAX_VALUE : 0;
            merged.addAll(source.timeline(new TimelineQuery(customer, from, to, kinds.getOrDefault(name, Set.of()),
                    afterAt, beforeSeq, size + 1)));
        }
        merged.sort(NEWEST_FIRST);
        if (merged.size() <= size) {
            return new Page<>(merged, null);
        }
        TimelineEntry last = merged.get(size - 1);
        return new Page<>(merged.subList(0, size), PageCursor.encodeFor("timeline", Long.toString(last.at().toEpochMilli()),
                source(last.id()), Long.toString(seq(last.id()))));
    }

    @Override
    public CustomerSummary summary(String customerId) {
        String customer = customer(customerId);
        Instant now = clock.instant();
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (JourneySource source : sorted()) {
            names.add(source.name());
            sections.put(source.name(), source.summary(customer, now));
        }
        return new CustomerSummary(customer, now, names, sections, budget(customer, now));
    }

    @Override
    public ContactBudget contactBudget(String customerId) {
        return budget(customer(customerId), clock.instant());
    }

    private ContactBudget budget(String customer, Instant now) {
        Rules current = rules;
        List<ContactHold> holds = new ArrayList<>();
        Instant since = now.minus(current.quietAfterBrokenPromise());
        for (JourneySource source : sorted()) {
            for (ContactHold hold : source.holds(customer, since)) {
                if (ContactHold.OPEN_ESCALATION.equals(hold.kind()) && current.holdWhileEscalationOpen()) {
                    holds.add(hold);
                } else if (ContactHold.BROKEN_PROMISE.equals(hold.kind())
                        && !current.quietAfterBrokenPromise().isZero()
                        && hold.since().plus(current.quietAfterBrokenPromise()).isAfter(now)) {
                    Instant until = hold.since().plus(current.quietAfterBrokenPromise());
                    holds.add(new ContactHold(hold.kind(), hold.since(), until, hold.reason() + "; quiet until " + until,
                            hold.record()));
                }
            }
        }
        return new ContactBudget(holds.isEmpty(), holds);
    }

    private List<JourneySource> sorted() {
        List<JourneySource> list = new ArrayList<>(sources);
        list.sort(Comparator.comparing(JourneySource::name));
        return list;
    }

    /**
     * The kinds asked for per source: {@code promise} asks for all of the promise source's entries,
     * {@code promise.kept} for its KEPT ones only. Unknown sources are simply not installed: nothing to show.
     */
    static Map<String, Set<String>> kinds(Set<String> types) {
        Map<String, Set<String>> bySource = new HashMap<>();
        Set<String> wholeSources = new HashSet<>();
        for (String type : types) {
            String t = type.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            int dot = t.indexOf('.');
            if (dot < 0) {
                wholeSources.add(t);
                bySource.put(t, new HashSet<>());
            } else if (!wholeSources.contains(t.substring(0, dot))) {
                bySource.computeIfAbsent(t.substring(0, dot), k -> new HashSet<>())
                        .add(t.substring(dot + 1).toUpperCase(Locale.ROOT));
            }
        }
        wholeSources.forEach(s -> bySource.put(s, Set.of()));
        return bySource;
    }

    private static String customer(String customerId) {
        if (customerId == null || customerId.isBlank() || customerId.length() > MAX_ID) {
            throw ProblemException.invalid("customerId", "must be 1 to " + MAX_ID + " characters");
        }
        return customerId.strip();
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
        }
    }

    static String source(String entryId) {
        int colon = entryId.lastIndexOf(':');
        return colon < 0 ? entryId : entryId.substring(0, colon);
    }

    static long seq(String entryId) {
        int colon = entryId.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Long.parseLong(entryId.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
