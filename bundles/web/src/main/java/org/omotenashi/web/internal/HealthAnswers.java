package org.omotenashi.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletResponse;

import org.omotenashi.web.FrontAnswers;

/** The small JSON answer of liveness and readiness, {@code {"status":"UP"}}. */
final class HealthAnswers {
    private HealthAnswers() {
    }

    static void status(HttpServletResponse response, int code, String status) throws IOException {
        byte[] body = ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(code);
        if (code == 503) {
            response.setHeader("Retry-After", FrontAnswers.RETRY_SECONDS);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
