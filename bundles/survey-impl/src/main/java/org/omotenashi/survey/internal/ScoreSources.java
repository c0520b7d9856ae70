package org.omotenashi.survey.internal;

import java.time.Instant;

/** Where the counts of a period come from: the day rows for whole days, the stored rows for the rest. */
sealed interface ScoreSources permits ScoreSources.Days, ScoreSources.Stored {
    /** The day rows of the days {@code [fromDay, toDay)}. */
    record Days(int fromDay, int toDay) implements ScoreSources {
    }

    /** The stored answers and invitations of {@code [from, to)}. */
    record Stored(Instant from, Instant to) implements ScoreSources {
    }
}
