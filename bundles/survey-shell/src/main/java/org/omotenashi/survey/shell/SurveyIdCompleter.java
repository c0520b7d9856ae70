package org.omotenashi.survey.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyService;

/** Completes survey ids. */
@Service
public class SurveyIdCompleter implements Completer {
    @Reference
    private SurveyService surveys;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        for (Survey s : surveys.list()) {
            ids.getStrings().add(s.id());
        }
        return ids.complete(session, commandLine, candidates);
    }
}
