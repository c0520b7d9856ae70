package org.omotenashi.derby.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * A connection, and the statements it makes, that report every SQLException they throw before throwing
 * it: that is how the data source learns that Derby has shut the database down under an open connection.
 */
final class Watched {
    private Watched() {
    }

    static Connection connection(Connection connection, Consumer<SQLException> watcher) {
        return wrap(connection, Connection.class, watcher);
    }

    private static <T> T wrap(Object target, Class<T> type, Consumer<SQLException> watcher) {
        return type.cast(Proxy.newProxyInstance(Watched.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            break;
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException sql) {
                            watcher.accept(sql);
                        }
                        throw e.getCause();
                    }
                    // Statements are watched too: most failures surface when one executes.
                    if (result instanceof Statement && method.getReturnType().isInterface()
                            && Statement.class.isAssignableFrom(method.getReturnType())) {
                        return wrap(result, method.getReturnType(), watcher);
                    }
                    return result;
                }));
    }
}
