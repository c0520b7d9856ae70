package org.omotenashi.survey.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.survey.api.ScoreGroup;
import org.omotenashi.survey.api.SurveyFigures;
import org.omotenashi.survey.api.SurveyScores;
import org.omotenashi.survey.api.SurveyService;

/** survey:scores — NPS, CSAT and CES with their margins, overall or per period, customer or subject type. */
@Service
@Command(scope = "survey", name = "scores", description = "Shows a survey's NPS, CSAT, CES and response rate")
public class SurveyScoresCommand implements Action {
    @Reference
    private SurveyService surveys;

    @Reference
    private Clock clock;

    @Argument(index = 0, name = "survey", description = "The survey id", required = true)
    @Completion(SurveyIdCompleter.class)
    private String surveyId;

    @Option(name = "--group-by", description = "none, day, week, month, customer or subject_type")
    @Completion(values = {"none", "day", "week", "month", "customer", "subject_type"}, value = StringsCompleter.class)
    private String groupBy = "none";

    @Option(name = "--days", description = "Answers of this many days up to now")
    private int days = 30;

    @Override
    public Object execute() {
        Instant to = clock.instant();
        SurveyScores scores = surveys.scores(surveyId, to.minus(Duration.ofDays(Math.max(1, days))), to,
                ScoreGroup.valueOf(groupBy.toUpperCase(Locale.ROOT)));
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Group", "Invited", "Answered", "Response", "NPS", "±", "CSAT", "±", "CES"}) {
            table.column(column);
        }
        scores.groups().forEach(f -> row(table, f));
        row(table, scores.overall());
        table.print(System.out);
        return null;
    }

    private static void row(ShellTable table, SurveyFigures f) {
        table.addRow().addContent(f.key(), f.invited(), f.answered(), percent(f.responseRate()), number(f.nps()),
                number(f.npsMargin()), percent(f.csat()), number(f.csatMargin()), number(f.ces()));
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
