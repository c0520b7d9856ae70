package org.omotenashi.promises.shell;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;
import org.omotenashi.promises.api.Promise;

/** Prints promises the same way for every command that lists them. */
final class PromiseTable {
    private PromiseTable() {
    }

    static void print(List<Promise> promises, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Customer");
        table.column("Owner");
        table.column("Due");
        table.column("Status");
        table.column("Description").maxSize(50);
        for (Promise p : promises) {
            table.addRow().addContent(p.id(), p.customerId(), p.owner(), p.dueAt(), p.status(), p.description());
        }
        table.print(out);
    }
}
