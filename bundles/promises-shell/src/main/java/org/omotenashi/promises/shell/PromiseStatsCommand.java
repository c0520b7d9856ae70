package org.omotenashi.promises.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.promises.api.PromiseFigures;
import org.omotenashi.promises.api.PromiseStats;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.StatsGroup;

/** promise:stats — counts per status and the kept-on-time rate of promises due in the last days. */
@Service
@Command(scope = "promise", name = "stats", description = "Shows the kept-on-time rate, overall or per owner or customer")
public class PromiseStatsCommand implements Action {
    @Reference
    private PromiseTracker tracker;

    @Reference
    private Clock clock;

    @Option(name = "--group-by", description = "owner, customer or none")
    @Completion(values = {"owner", "customer", "none"}, value = StringsCompleter.class)
    private String groupBy = "none";

    @Option(name = "--days", description = "Promises due in this many days up to now")
    private int days = 30;

    @Override
    public Object execute() {
        StatsGroup group;
        try {
            group = StatsGroup.valueOf(groupBy.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("--group-by takes owner, customer or none.");
            return null;
        }
        Instant to = clock.instant();
        PromiseStats stats = tracker.stats(group, to.minus(Duration.ofDays(Math.max(1, days))), to);
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Group", "Open", "Kept", "Kept late", "Broken", "Cancelled", "Renegotiated", "On time"}) {
            table.column(column);
        }
        stats.groups().forEach(f -> row(table, f));
        row(table, stats.overall());
        table.print(System.out);
        return null;
    }

    private static void row(ShellTable table, PromiseFigures f) {
        table.addRow().addContent(f.key(), f.open(), f.kept(), f.keptLate(), f.broken(), f.cancelled(), f.renegotiated(),
                f.keptOnTimeRate() == null ? "-" : String.format("%.1f%%", f.keptOnTimeRate() * 100));
    }
}
