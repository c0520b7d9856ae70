package org.omotenashi.escalation.internal;

import java.util.Map;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.apache.commons.jexl3.introspection.JexlSandbox;

/**
 * Rule conditions in JEXL, reduced to comparisons and logic over the event's properties: no method
 * calls, no object creation, no assignments, loops, lambdas, pragmas or annotations, and a sandbox
 * that lets nothing be reached on any class. An admin's typo is found when the rule is saved.
 */
final class ConditionEngine {
    private static final JexlFeatures FEATURES = new JexlFeatures()
            .script(false)
            .methodCall(false)
            .newInstance(false)
            .sideEffect(false)
            .sideEffectGlobal(false)
            .loops(false)
            .lambda(false)
            .thinArrow(false)
            .fatArrow(false)
            .annotation(false)
            .pragma(false)
            .importPragma(false)
            .namespacePragma(false)
            .localVar(false)
            .register(false);

    private final JexlEngine jexl = new JexlBuilder()
            .features(FEATURES)
            .permissions(JexlPermissions.RESTRICTED)
            // A white-list sandbox with nothing on it: no property or method of any class is reachable.
            .sandbox(new JexlSandbox(false))
            .strict(true)
            .safe(false)
            .silent(false)
            .cache(256)
            .create();

    /** Null when {@code condition} parses, else what is wrong with it, for the 400 naming {@code condition}. */
    String syntaxError(String condition) {
        if (condition == null || condition.isBlank()) {
            return null;
        }
        try {
            jexl.createExpression(condition);
            return null;
        } catch (JexlException e) {
            return "is not a valid expression: " + describe(e);
        }
    }

    /** Whether the condition holds; a blank condition always does. A condition that fails to evaluate does not hold. */
    boolean holds(String condition, Map<String, Object> variables) {
        if (condition == null || condition.isBlank()) {
            return true;
        }
        JexlExpression expression = jexl.createExpression(condition);
        Object value = expression.evaluate(new Variables(variables));
        return Boolean.TRUE.equals(value);
    }

    private static String describe(JexlException e) {
        String message = e.getMessage();
        // JEXL prefixes its messages with the Java location of the parser; the admin needs only the rest.
        int at = message == null ? -1 : message.indexOf(' ');
        return message == null ? e.getClass().getSimpleName() : message.substring(at + 1).strip();
    }

    /** Every name is defined: a property an event does not carry reads as null rather than failing. */
    private static final class Variables implements JexlContext {
        private final Map<String, Object> values;

        Variables(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public Object get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException("conditions cannot assign");
        }

        @Override
        public boolean has(String name) {
            return true;
        }
    }
}
