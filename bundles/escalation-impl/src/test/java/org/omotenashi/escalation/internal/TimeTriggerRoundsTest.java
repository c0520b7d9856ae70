package org.omotenashi.escalation.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.model.Page;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/**
 * A time rule with more due promises than one run reads: later runs go on where the previous stopped, so
 * promises beyond the first run's share are reached although the earliest keep their escalations open.
 */
public class TimeTriggerRoundsTest {
    /** Two pages of the 200 the rules read at a time. */
    private static final int PER_RUN = 400;

    /** Open promises due one second apart from {@code from}, listed as the tracker lists them: by due date, then id. */
    private static PromiseTracker openPromises(int count, Instant from) {
        List<Promise> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant due = from.plusSeconds(i);
            all.add(new Promise(String.format("p-%06d", i), "c-" + (i % 50), "Customer", "Replace the filters", null, "sales",
                    "team-north", Channel.PHONE, null, from.minus(Duration.ofDays(1)), due, PromiseStatus.OPEN, null, null,
                    null, null, List.of(), null, 1));
        }
        all.sort(Comparator.comparing(Promise::dueAt).thenComparing(Promise::id));
        return (PromiseTracker) Proxy.newProxyInstance(PromiseTracker.class.getClassLoader(), new Class<?>[] {PromiseTracker.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> page(all, (PromiseQuery) args[0]);
                    case "toString" -> count + " open promises";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Keyset paging on (dueAt, id), the cursor being the id of the last promise handed out. */
    private static Page<Promise> page(List<Promise> all, PromiseQuery q) {
        List<Promise> items = new ArrayList<>();
        boolean after = q.cursor() == null;
        for (Promise p : all) {
            if (!after) {
                after = p.id().equals(q.cursor());
                continue;
            }
            if (p.status() == q.status() && (q.dueBefore() == null || p.dueAt().isBefore(q.dueBefore()))) {
                items.add(p);
                if (items.size() == q.limit()) {
                    break;
                }
            }
        }
        boolean more = items.size() == q.limit() && !items.get(items.size() - 1).equals(all.get(all.size() - 1));
        return new Page<>(items, more ? items.get(items.size() - 1).id() : null);
    }

    @Test
    public void everyDuePromiseIsReachedInTurnAndTheRoundStartsAgainAfterTheLast() {
        EscalationFixture f = new EscalationFixture(EscalationFixture.FRIDAY_10);
        f.escalations.limitTimeSubjectsPerRun(PER_RUN);
        int due = PER_RUN * 2 + 100;
        f.tracker = openPromises(due, EscalationFixture.FRIDAY_10.plus(Duration.ofMinutes(10)));
        f.rule("{'name':'Coming due','trigger':{'type':'TIME','dueWithin':'PT8H'},'actions':[{'type':'RAISE'}]}");

        StoredEscalations.TimeSweep first = f.escalations.evaluateTimeTriggers();
        assertEquals(new StoredEscalations.TimeSweep(PER_RUN, PER_RUN), first);
        // The first run's escalations are all still open: the second run must read on, not read them again.
        assertEquals(new StoredEscalations.TimeSweep(PER_RUN, PER_RUN), f.escalations.evaluateTimeTriggers());
        assertEquals(new StoredEscalations.TimeSweep(100, 100), f.escalations.evaluateTimeTriggers());
        // After the last page the next round starts from the earliest again, where everything is open already.
        assertEquals(new StoredEscalations.TimeSweep(PER_RUN, 0), f.escalations.evaluateTimeTriggers());
    }

    @Test
    public void aDryRunAlwaysLooksFromTheEarliestAndLeavesTheRoundAlone() {
        EscalationFixture f = new EscalationFixture(EscalationFixture.FRIDAY_10);
        f.escalations.limitTimeSubjectsPerRun(PER_RUN);
        f.tracker = openPromises(PER_RUN + 10, EscalationFixture.FRIDAY_10.plus(Duration.ofMinutes(10)));
        var rule = f.rule("{'name':'Coming due','trigger':{'type':'TIME','dueWithin':'PT8H'},'actions':[{'type':'RAISE'}]}");
        assertEquals(PER_RUN, f.escalations.dryRun(rule).matches().size());
        assertEquals(new StoredEscalations.TimeSweep(PER_RUN, PER_RUN), f.escalations.evaluateTimeTriggers());
        var again = f.escalations.dryRun(rule).matches();
        assertEquals(PER_RUN, again.size());
        assertEquals("p-000000", again.get(0).subject().ref());
        assertEquals(new StoredEscalations.TimeSweep(10, 10), f.escalations.evaluateTimeTriggers());
    }
}
