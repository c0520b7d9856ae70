package org.omotenashi.survey.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;

public class SurveyRequestsTest {
    private static List<String> refusedFields(String json) {
        try {
            SurveyRequests.invitation(JsonInput.parse(json.getBytes(StandardCharsets.UTF_8)));
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            return e.errors().stream().map(FieldError::field).toList();
        }
        fail("accepted " + json);
        return List.of();
    }

    @Test
    public void anInvitationRefusalNamesTheAddressTogetherWithTheOtherInvalidFields() {
        assertEquals(List.of("customerId", "contactEmail", "language"), refusedFields("{\"customerId\":\"\","
                + "\"contactEmail\":\"not-an-address\",\"language\":\"fr\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-1\"}}"));
    }

    @Test
    public void aBadAddressAloneIsRefusedWhileReadingTheRequest() {
        assertEquals(List.of("contactEmail"), refusedFields("{\"customerId\":\"c-1\",\"contactEmail\":\"anna@example\","
                + "\"language\":\"nl\",\"subject\":{\"type\":\"promise\",\"ref\":\"p-1\"}}"));
    }
}
