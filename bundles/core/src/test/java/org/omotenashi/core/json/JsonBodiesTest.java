package org.omotenashi.core.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;

import org.junit.Test;
import org.omotenashi.core.problem.ProblemException;

public class JsonBodiesTest {

    private static ProblemException refused(String json) {
        try {
            JsonBodies.read(json.getBytes(StandardCharsets.UTF_8));
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    public void aKeyGivenTwiceIsRefusedNamingIt() {
        ProblemException e = refused("{\"channel\":\"PHONE\",\"dueAt\":\"x\",\"channel\":\"EMAIL\"}");
        assertEquals(400, e.status());
        assertEquals("channel", e.errors().get(0).field());
        assertEquals("is given more than once", e.errors().get(0).message());
    }

    @Test
    public void aKeyGivenTwiceDeeperDownIsNamedWithItsPath() {
        assertEquals("origin.type", refused("{\"origin\":{\"type\":\"a\",\"type\":\"b\"}}").errors().get(0).field());
        assertEquals("responses[1].answers.recommend", refused("{\"responses\":[{},{\"answers\":"
                + "{\"recommend\":9,\"recommend\":0}}]}").errors().get(0).field());
    }

    @Test
    public void malformedJsonIsA400WithoutFields() {
        ProblemException e = refused("{\"customerId\": ");
        assertEquals(400, e.status());
        assertEquals("Malformed JSON", e.title());
    }

    @Test
    public void anEmptyBodyReadsAsNothing() {
        assertNull(JsonBodies.read(new byte[0]));
    }

    @Test
    public void aFailureToWriteAnAnswerIsNotTheCallersMistake() {
        assertNull(JsonBodies.refusal(new com.fasterxml.jackson.core.JsonGenerationException("cannot write", (com.fasterxml.jackson.core.JsonGenerator) null)));
        assertNull(JsonBodies.refusal(null));
    }

    @Test
    public void theSameKeyInTwoObjectsIsFine() {
        if (JsonBodies.read("{\"a\":{\"x\":1},\"b\":{\"x\":2}}".getBytes(StandardCharsets.UTF_8)) == null) {
            fail("read nothing");
        }
    }
}
