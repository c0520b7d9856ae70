package org.omotenashi.handover.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.handover.api.HandoverDraft;

public class HandoverRequestsTest {
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

    private static List<String> invalidFields(String json) {
        JsonInput in = JsonInput.parse(json.getBytes(StandardCharsets.UTF_8));
        HandoverRequests.draft(in, NOW);
        try {
            in.validate();
            fail("accepted " + json);
            return List.of();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    public void everyInvalidFieldIsNamedAtOnce() {
        assertEquals(List.of("dealRef", "customerId", "contractStart", "contacts[0].name", "contacts[0].email",
                        "expectations[0].importance", "promises[0].dueAt"),
                invalidFields("""
                        {"contractStart": "next week",
                         "contacts": [{"email": "not-an-address"}],
                         "expectations": [{"text": "Quiet mornings", "importance": "VITAL"}],
                         "promises": [{"description": "Fix the door", "dueAt": "2026-05-01T10:00:00Z"}]}
                        """));
    }

    @Test
    public void aMinimalDraftNeedsOnlyDealAndCustomer() {
        JsonInput in = JsonInput.parse("{\"dealRef\":\"D-1\",\"customerId\":\"C-1\",\"notes\":{}}"
                .getBytes(StandardCharsets.UTF_8));
        HandoverDraft draft = HandoverRequests.draft(in, NOW);
        in.validate();
        assertEquals("D-1", draft.dealRef());
        assertEquals(List.of(), draft.contacts());
        assertNull(draft.notes());
    }

    @Test
    public void returningNeedsAtLeastOneQuestion() {
        JsonInput in = JsonInput.parse("{\"questions\":[]}".getBytes(StandardCharsets.UTF_8));
        HandoverRequests.questions(in);
        try {
            in.validate();
            fail("no questions accepted");
        } catch (ProblemException e) {
            assertEquals("questions", e.errors().get(0).field());
        }
    }
}
