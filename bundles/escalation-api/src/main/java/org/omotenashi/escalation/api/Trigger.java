package org.omotenashi.escalation.api;

import java.time.Duration;

/**
 * When a rule is evaluated. An EVENT trigger names a topic ({@code omotenashi/promise/BROKEN}, or a
 * wildcard such as {@code omotenashi/survey/*}); a TIME trigger looks at open promises on a schedule and
 * fires for those with less than {@code dueWithin} left before their due date, counted in business time
 * when {@code businessTime} is set.
 */
public record Trigger(TriggerType type, String topic, String subject, String status, Duration dueWithin,
                      boolean businessTime) {

    /** An event trigger on one topic. */
    public static Trigger event(String topic) {
        return new Trigger(TriggerType.EVENT, topic, null, null, null, false);
    }

    /** A schedule trigger over open promises due within {@code dueWithin}. */
    public static Trigger openPromisesDueWithin(Duration dueWithin, boolean businessTime) {
        return new Trigger(TriggerType.TIME, null, "promise", "OPEN", dueWithin, businessTime);
    }

    /** Whether an event with this topic triggers the rule; a trailing {@code *} matches the rest. */
    public boolean matches(String eventTopic) {
        if (type != TriggerType.EVENT || topic == null || eventTopic == null) {
            return false;
        }
        if (topic.endsWith("*")) {
            return eventTopic.startsWith(topic.substring(0, topic.length() - 1));
        }
        return topic.equals(eventTopic);
    }
}
