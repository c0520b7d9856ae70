package org.omotenashi.escalation.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.omotenashi.core.json.Json;
import org.omotenashi.core.problem.FieldError;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.escalation.api.EscalationRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules as files, one per {@code escalation-<id>.json} in the watched folders (Karaf's {@code etc/} and
 * {@code deploy/} by default), in the same JSON as the REST API. A scan reads what is there; a file that
 * is invalid is reported and the rule keeps its last good version, so a typo never silently drops a rule.
 */
final class RuleFiles {
    private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);
    private static final Pattern NAME = Pattern.compile("escalation-([A-Za-z0-9][A-Za-z0-9_.-]{0,80})\\.json");

    /** A rule read from a file, with the id its file name gives it. */
    record FileRule(String id, EscalationRule rule, String source) {
    }

    private final List<Path> folders;
    private final Map<Path, Long> reported = new HashMap<>();

    RuleFiles(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    List<Path> folders() {
        return folders;
    }

    /**
     * The rules in the folders now. A file that cannot be read keeps its rule as {@code previous} has it,
     * so an admin saving a broken file does not lose the working rule.
     */
    Map<String, FileRule> scan(RuleJson reader, Map<String, EscalationRule> previous) {
        Map<String, FileRule> found = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "escalation-*.json")) {
                for (Path file : files) {
                    Matcher m = NAME.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        read(file, m.group(1), reader, previous, found);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Rule folder {} cannot be listed: {}", folder, e.getMessage());
            }
        }
        return found;
    }

    private void read(Path file, String id, RuleJson reader, Map<String, EscalationRule> previous,
                      Map<String, FileRule> found) {
        String source = "file:" + file.toAbsolutePath().normalize();
        try {
            EscalationRule rule = reader.read(Json.mapper().readTree(Files.readAllBytes(file)));
            found.put(id, new FileRule(id, rule.stored(null, source, 0), source));
            reported.remove(file);
        } catch (IOException | ProblemException e) {
            long modified = file.toFile().lastModified();
            if (!Long.valueOf(modified).equals(reported.put(file, modified))) {
                LOG.error("Escalation rule file {} is invalid and ignored: {}", file, describe(e));
            }
            EscalationRule kept = previous.get(id);
            if (kept != null && kept.fromFile()) {
                found.put(id, new FileRule(id, kept, kept.source()));
            }
        }
    }

    private static String describe(Exception e) {
        if (e instanceof ProblemException p && !p.errors().isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (FieldError error : p.errors()) {
                text.append(error.field()).append(' ').append(error.message()).append("; ");
            }
            return text.toString();
        }
        return e.getMessage();
    }
}
