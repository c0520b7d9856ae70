package org.omotenashi.survey.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.survey.api.Survey;
import org.omotenashi.survey.api.SurveyService;

/** survey:list — every survey in its current version. */
@Service
@Command(scope = "survey", name = "list", description = "Lists the surveys with their current version and triggers")
public class ListSurveys implements Action {
    @Reference
    private SurveyService surveys;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Id", "Name", "Version", "Questions", "Triggers"}) {
            table.column(column);
        }
        for (Survey s : surveys.list()) {
            table.addRow().addContent(s.id(), s.name(), s.version(), s.questions().size(),
                    s.triggers().isEmpty() ? "-" : String.join(", ", s.triggers()));
        }
        table.print(System.out);
        return null;
    }
}
