package org.omotenashi.core.load;

/** A kind of expensive request; each kind has a concurrency limit of its own. */
public enum ReportKind {
    /** Survey scores, overall or per group, and the ambassadors among the answers. */
    SCORES,
    /** Exports that stream a period's rows, such as the survey answers as CSV. */
    EXPORTS,
    /** Statistics summed over a period, such as promise and handover stats. */
    STATS,
    /** Evaluations over many current records at once, such as an escalation rule's dry run over every open promise. */
    EVALUATIONS
}
