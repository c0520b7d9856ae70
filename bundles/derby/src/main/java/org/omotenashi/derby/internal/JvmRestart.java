package org.omotenashi.derby.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.LoggerFactory;

/**
 * Restarts the JVM the way Karaf's {@code shutdown -r} does with {@code karaf.restart.jvm}: the framework
 * stops, the JVM ends with exit code 10, and {@code bin/karaf} starts a new one (under {@code bin/start} or a
 * service manager, the manager starts it again on that exit code). If the framework has not stopped within
 * {@link #STOP_BOUND_SECONDS} (a Derby thread that never returns can hold a bundle's stop), the JVM ends with
 * the same exit code regardless. What was committed is on disk, so nothing is lost; what was in flight was
 * already refused with 503.
 */
final class JvmRestart implements Runnable {
    /** Karaf's launcher and scripts start a new JVM on this exit code. */
    static final int RESTART_EXIT_CODE = 10;
    static final long STOP_BOUND_SECONDS = 20;

    private final BundleContext context;

    JvmRestart(BundleContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        LoggerFactory.getLogger(JvmRestart.class).error("Restarting the JVM to get the embedded database back");
        System.setProperty("karaf.restart", "true");
        System.setProperty("karaf.restart.jvm", "true");
        Thread stop = new Thread(this::stopFramework, "omotenashi-jvm-restart");
        stop.setDaemon(true);
        stop.start();
    }

    private void stopFramework() {
        try {
            context.getBundle(0).stop();
            TimeUnit.SECONDS.sleep(STOP_BOUND_SECONDS);
        } catch (BundleException | IllegalStateException e) {
            LoggerFactory.getLogger(JvmRestart.class).error("The framework could not be stopped for a restart: {}",
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // still alive: the framework's stop hangs
        Runtime.getRuntime().halt(RESTART_EXIT_CODE);
    }
}
