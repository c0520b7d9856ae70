package org.omotenashi.escalation.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.escalation.api.EscalationRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules: stored as JSON, kept in memory as read, written over the API or synchronised from rule files.
 * A rule read from a file is changed by changing the file; the API refuses to.
 */
final class EscalationRules {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationRules.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final RuleStore store;
    private final ConditionEngine conditions;
    private final Supplier<EscalationSettings> settings;
    private final Consumer<Set<String>> reloaded;
    private volatile List<EscalationRule> rules = List.of();

    /** @param reloaded told the ids of the rules after each reload */
    EscalationRules(DataSource dataSource, Clock clock, RuleStore store, ConditionEngine conditions,
                    Supplier<EscalationSettings> settings, Consumer<Set<String>> reloaded) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.store = store;
        this.conditions = conditions;
        this.settings = settings;
        this.reloaded = reloaded;
    }

    /** Reads rule JSON as the API does, with the current settings (whether local webhook targets are allowed). */
    RuleJson reader() {
        return new RuleJson(conditions, settings.get().allowLocalWebhooks());
    }

    List<EscalationRule> all() {
        return rules;
    }

    Optional<EscalationRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    EscalationRule create(EscalationRule rule) {
        return create(rule, EscalationRule.SOURCE_API, UUID.randomUUID().toString());
    }

    private EscalationRule create(EscalationRule rule, String source, String id) {
        EscalationRule stored = RuleJson.withSecrets(revalidate(rule), null).stored(id, source, 1);
        String definition = definition(stored);
        Transactions.inTransaction(dataSource, c -> {
            store.insertRule(c, id, stored.name(), definition, source, clock.instant());
            return null;
        });
        reload();
        return stored;
    }

    EscalationRule update(String id, EscalationRule rule, Long expectedVersion) {
        EscalationRule current = rule(id).orElseThrow(() -> ProblemException.notFound("escalation rule", id));
        if (current.fromFile()) {
            throw ProblemException.conflict("Rule " + id + " is read from " + current.source() + "; change the file instead.");
        }
        return replace(current, rule, expectedVersion, EscalationRule.SOURCE_API);
    }

    private EscalationRule replace(EscalationRule current, EscalationRule rule, Long expectedVersion, String source) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw ProblemException.staleVersion(current.version());
        }
        EscalationRule stored = RuleJson.withSecrets(revalidate(rule), current)
                .stored(current.id(), source, current.version() + 1);
        String definition = definition(stored);
        boolean written = Transactions.inTransaction(dataSource, c -> store.updateRule(c, current.id(), stored.name(),
                definition, source, current.version(), clock.instant()));
        if (!written) {
            reload();
            throw ProblemException.staleVersion(rule(current.id()).map(EscalationRule::version).orElse(0L));
        }
        reload();
        return stored;
    }

    void delete(String id) {
        EscalationRule current = rule(id).orElseThrow(() -> ProblemException.notFound("escalation rule", id));
        if (current.fromFile()) {
            throw ProblemException.conflict("Rule " + id + " is read from " + current.source() + "; remove the file instead.");
        }
        Transactions.inTransaction(dataSource, c -> store.deleteRule(c, id));
        reload();
    }

    /**
     * Brings the rules read from files in line with the files found: new ones are added, changed ones
     * replaced, those whose file is gone removed. Escalations they opened stay.
     */
    void syncFiles(Map<String, RuleFiles.FileRule> found) {
        for (RuleFiles.FileRule file : found.values()) {
            Optional<EscalationRule> current = rule(file.id());
            if (current.isEmpty()) {
                create(file.rule(), file.source(), file.id());
                LOG.info("Escalation rule {} added from {}", file.id(), file.source());
            } else if (!current.get().fromFile()) {
                LOG.warn("Rule file {} ignored: a rule with id {} was created over REST", file.source(), file.id());
            } else if (!sameDefinition(current.get(), file.rule())) {
                replace(current.get(), file.rule(), null, file.source());
                LOG.info("Escalation rule {} updated from {}", file.id(), file.source());
            }
        }
        for (EscalationRule r : rules) {
            if (r.fromFile() && !found.containsKey(r.id())) {
                Transactions.inTransaction(dataSource, c -> store.deleteRule(c, r.id()));
                LOG.info("Escalation rule {} removed: {} is gone", r.id(), r.source());
            }
        }
        reload();
    }

    private static boolean sameDefinition(EscalationRule stored, EscalationRule fromFile) {
        EscalationRule comparable = RuleJson.withSecrets(fromFile, stored).stored(stored.id(), stored.source(), stored.version());
        return definition(comparable).equals(definition(stored)) && stored.source().equals(fromFile.source());
    }

    /** Rules arriving through the API were read by the REST layer; this catches those built in code. */
    EscalationRule revalidate(EscalationRule rule) {
        return reader().read(RuleJson.write(rule.stored(null, null, 0), true));
    }

    /** The rule as stored; one too large for its column is the caller's to shorten, not a storage failure. */
    private static String definition(EscalationRule rule) {
        String definition = RuleJson.write(rule.stored(null, null, 0), true).toString();
        if (definition.length() > RuleJson.MAX_DEFINITION) {
            throw ProblemException.invalid("$", "the rule is too large: at most " + RuleJson.MAX_DEFINITION
                    + " characters of JSON (templates, recipients and variables together)");
        }
        return definition;
    }

    /**
     * Reads every rule again. One reload at a time: a reload that read the table before another writer's commit
     * must not replace, after it, the rules of a reload that read the table since, or a rule just created would
     * be missing from memory (and answer 404) until the next write.
     */
    synchronized void reload() {
        List<RuleStore.StoredRule> stored = Transactions.read(dataSource, store::rules);
        // Stored rules were validated when saved; the webhook target is checked again before each delivery.
        RuleJson lenient = new RuleJson(conditions, true);
        List<EscalationRule> loaded = new ArrayList<>();
        for (RuleStore.StoredRule s : stored) {
            try {
                loaded.add(lenient.read(Json.mapper().readTree(s.definition())).stored(s.id(), s.source(), s.version()));
            } catch (ProblemException | IOException e) {
                LOG.error("Stored escalation rule {} cannot be read and is skipped: {}", s.id(), e.getMessage());
            }
        }
        rules = List.copyOf(loaded);
        Set<String> ids = new HashSet<>();
        loaded.forEach(r -> ids.add(r.id()));
        reloaded.accept(ids);
    }
}
