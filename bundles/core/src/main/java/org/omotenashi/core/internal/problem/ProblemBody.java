package org.omotenashi.core.internal.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;

/** The RFC 9457 document for a problem, with the invalid fields as an extension member. */
public record ProblemBody(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static ProblemBody of(ProblemException problem, String instance) {
        return new ProblemBody(problem.type(), problem.title(), problem.status(), problem.detail(), instance,
                problem.errors().isEmpty() ? null : problem.errors());
    }

    /** In the order RFC 9457 lists the members, so the document reads top-down. */
    public Map<String, Object> asMap() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type);
        members.put("title", title);
        members.put("status", status);
        members.put("detail", detail);
        if (instance != null) {
            members.put("instance", instance);
        }
        if (errors != null) {
            members.put("errors", errors);
        }
        return members;
    }
}
