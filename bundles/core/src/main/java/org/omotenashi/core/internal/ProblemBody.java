package org.omotenashi.core.internal;

import java.util.List;
import java.util.Map;

import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;

/** The RFC 9457 document for a problem, with the invalid fields as an extension member. */
record ProblemBody(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    static final String MEDIA_TYPE = "application/problem+json";

    static ProblemBody of(ProblemException problem, String instance) {
        return new ProblemBody("about:blank", problem.title(), problem.status(), problem.detail(), instance,
                problem.errors().isEmpty() ? null : problem.errors());
    }

    Map<String, Object> asMap() {
        return errors == null
                ? Map.of("type", type, "title", title, "status", status, "detail", detail, "instance", instance)
                : Map.of("type", type, "title", title, "status", status, "detail", detail, "instance", instance,
                        "errors", errors);
    }
}
