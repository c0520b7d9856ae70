package org.omotenashi.handover.api;

import java.time.Instant;
import java.util.List;

/**
 * One step in a handover's history: from which status to which, who took it and when; a return carries
 * service's questions, a submission sales' answers, an acknowledgement or acceptance why, each as a comment
 * when one was given.
 */
public record Transition(HandoverStatus from, HandoverStatus to, String by, Instant at, List<String> questions,
                         String comment) {
    public Transition {
        questions = questions == null || questions.isEmpty() ? null : List.copyOf(questions);
    }
}
