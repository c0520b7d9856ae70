package org.omotenashi.promises.shell;

import java.security.AccessController;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** The shell user, so changes made from the console are attributed to a person. */
final class ShellUser {
    private ShellUser() {
    }

    @SuppressWarnings("removal")
    static String name() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (UserPrincipal user : subject.getPrincipals(UserPrincipal.class)) {
                return user.getName();
            }
        }
        return "shell";
    }
}
