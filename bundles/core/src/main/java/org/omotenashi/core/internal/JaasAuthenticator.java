package org.omotenashi.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.omotenashi.core.security.Authenticator;
import org.omotenashi.core.security.Caller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Logs callers in against a Karaf JAAS realm. A JAAS login reads the realm's backing store each
 * time, far too slow for every request, so a successful login is remembered for a short while,
 * keyed by a hash of the credentials (never the password itself).
 */
@Component(service = Authenticator.class, configurationPid = "org.omotenashi.security")
@Designate(ocd = JaasAuthenticator.Config.class)
public class JaasAuthenticator implements Authenticator {

    @ObjectClassDefinition(name = "Omotenashi security", description = "How callers are authenticated.")
    public @interface Config {
        @AttributeDefinition(description = "JAAS realm that checks user names and passwords.")
        String realm() default "karaf";

        @AttributeDefinition(description = "Seconds a successful login is remembered; 0 logs in on every request.")
        int cacheSeconds() default 60;
    }

    private record Remembered(Caller caller, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private volatile String realm;
    private volatile long cacheNanos;

    @Activate
    @Modified
    void configure(Config config) {
        realm = config.realm();
        cacheNanos = config.cacheSeconds() * 1_000_000_000L;
        remembered.clear();
    }

    @Override
    public Optional<Caller> authenticate(String user, String password) {
        if (user == null || user.isEmpty() || password == null) {
            return Optional.empty();
        }
        String key = fingerprint(user, password);
        long now = System.nanoTime();
        Remembered hit = remembered.get(key);
        if (hit != null && now - hit.until() < 0) {
            return Optional.of(hit.caller());
        }
        Optional<Caller> caller = login(user, password);
        caller.ifPresentOrElse(
                c -> remember(key, c, now),
                () -> remembered.remove(key));
        return caller;
    }

    private void remember(String key, Caller caller, long now) {
        if (cacheNanos <= 0) {
            return;
        }
        if (remembered.size() > 10_000) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(caller, now + cacheNanos));
    }

    private Optional<Caller> login(String user, String password) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext(realm, subject, callbacks -> answer(callbacks, user, password));
            context.login();
            Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream()
                    .map(Principal::getName).collect(Collectors.toSet());
            return Optional.of(new Caller(user, roles));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static void answer(Callback[] callbacks, String user, String password) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                name.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password.toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static String fingerprint(String user, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(user.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
