package org.omotenashi.core.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.Test;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;

public class JsonInputTest {
    private enum Channel { PHONE, EMAIL }

    private static List<FieldError> errorsOf(String json, java.util.function.Consumer<JsonInput> reading) {
        JsonInput in = JsonInput.parse(json.getBytes(StandardCharsets.UTF_8));
        reading.accept(in);
        try {
            in.validate();
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            return e.errors();
        }
        return List.of();
    }

    @Test
    public void everyInvalidFieldIsNamedInOneAnswer() {
        List<FieldError> errors = errorsOf("{\"name\":42,\"channel\":\"FAX\",\"dueAt\":\"tomorrow\",\"origin\":{\"ref\":\"\"}}", in -> {
            in.requiredText("name", 10);
            in.requiredText("description", 10);
            in.requiredEnum("channel", Channel.class);
            in.requiredInstant("dueAt");
            in.object("origin").requiredText("ref", 10);
        });
        assertEquals(List.of("name", "description", "channel", "dueAt", "origin.ref"),
                errors.stream().map(FieldError::field).toList());
    }

    @Test
    public void timestampsNeedAnOffset() {
        assertEquals(1, errorsOf("{\"at\":\"2026-05-01T17:00:00\"}", in -> in.requiredInstant("at")).size());
        JsonInput in = JsonInput.parse("{\"at\":\"2026-05-01T17:00:00+02:00\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2026-05-01T15:00:00Z"), in.requiredInstant("at"));
    }

    @Test
    public void elementsOfAnArrayAreNamedByIndex() {
        List<FieldError> errors = errorsOf("{\"contacts\":[{\"name\":\"Joost\"},{\"name\":\"\"},7]}",
                in -> in.objects("contacts", c -> c.requiredText("name", 50)));
        assertEquals(List.of("contacts[1].name", "contacts[2]"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    public void anEmptyBodyReadsAsAnEmptyObjectAndMalformedJsonIsRefused() {
        assertEquals(List.of(), errorsOf("", in -> in.optionalText("evidence", 10)));
        try {
            JsonInput.parse("{\"a\":".getBytes(StandardCharsets.UTF_8));
            fail();
        } catch (ProblemException e) {
            assertEquals("Malformed JSON", e.title());
        }
    }

    @Test
    public void aBodyThatIsNotAnObjectIsRefused() {
        assertEquals("$", errorsOf("[1,2]", in -> { }).get(0).field());
    }
}
