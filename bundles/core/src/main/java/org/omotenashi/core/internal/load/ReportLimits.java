package org.omotenashi.core.internal.load;

import java.util.Map;

import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.load.ReportKind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The suite's one gate for expensive requests, with its limits from configuration. */
@Component(service = ReportGate.class, configurationPid = "org.omotenashi.reports")
@Designate(ocd = ReportLimits.Config.class)
public class ReportLimits implements ReportGate {

    @ObjectClassDefinition(name = "Omotenashi reports",
            description = "How many expensive requests of each kind run at once; more get 503 with Retry-After.")
    public @interface Config {
        @AttributeDefinition(min = "1", description = "Survey scores (overall or grouped) and ambassadors at once.")
        int scores_concurrent() default 2;

        @AttributeDefinition(min = "1", description = "Exports (survey answers as CSV) at once.")
        int exports_concurrent() default 2;

        @AttributeDefinition(min = "1", description = "Promise and handover statistics at once.")
        int stats_concurrent() default 4;

        @AttributeDefinition(min = "1", description = "Evaluations over every current record (escalation rule dry runs) at once.")
        int evaluations_concurrent() default 2;
    }

    private final ReportPermits permits = new ReportPermits();

    @Activate
    @Modified
    void configure(Config config) {
        permits.limit(Map.of(ReportKind.SCORES, config.scores_concurrent(), ReportKind.EXPORTS, config.exports_concurrent(),
                ReportKind.STATS, config.stats_concurrent(), ReportKind.EVALUATIONS, config.evaluations_concurrent()));
    }

    @Override
    public Permit enter(ReportKind kind) {
        return permits.enter(kind);
    }
}
