package org.omotenashi.core.internal.events;

import org.omotenashi.core.db.Transactions;

/**
 * A hook for one test only: with the system property {@value #PROPERTY} set to a topic, the process halts (as a
 * kill -9 would) right after the first transaction that wrote an event of that topic commits, before anything
 * reacted to it. The test then starts the process again and checks the reaction still happens, exactly once.
 * Never set it outside that test.
 */
final class HaltForTests {
    static final String PROPERTY = "omotenashi.test.haltAfterCommitOf";

    private HaltForTests() {
    }

    static void armIfAsked(String topic) {
        String armed = System.getProperty(PROPERTY);
        if (armed != null && armed.equals(topic)) {
            Transactions.afterCommit(() -> {
                System.err.println("Omotenashi: halting after the commit of " + topic + " (" + PROPERTY + ")");
                Runtime.getRuntime().halt(137);
            });
        }
    }
}
