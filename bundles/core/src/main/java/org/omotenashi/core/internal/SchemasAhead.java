package org.omotenashi.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.omotenashi.core.db.Migrations;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the modules' schemas ahead of their start, the core's own first. A module's changelog may rely on
 * the core's tables, not on another module's. When the core starts, the modules' bundles are installed
 * but not yet started; a module migrates its schema when it activates, on the thread that starts the bundles,
 * and the next module waits for it. Here a thread of its own migrates every schema a module declares
 * ({@value ModuleBundles#SCHEMA_HEADER}) while the bundles start, so that on a first start the schemas are
 * made while the endpoints are built. A module still migrates at its start as before: it finds its schema
 * done, or waits for it, or (if migrating ahead failed, or its data source was not there yet) migrates it itself
 * and reports any failure in its own start.
 *
 * <p>A schema is migrated in the data source its module is configured to use ({@code dataSource.target} of the
 * module's configuration, {@value #DEFAULT_TARGET} when not set).
 */
@Component(immediate = true)
public final class SchemasAhead {
    static final String DEFAULT_TARGET = "(dataSourceName=omotenashi)";
    static final String ON_FIRST_USE = "first-use";
    private static final Logger LOG = LoggerFactory.getLogger(SchemasAhead.class);
    private static final long STOP_WAIT_SECONDS = 30;
    private static final long DATA_SOURCE_WAIT_SECONDS = 60;
    private static final long WAIT_STEP_MILLIS = 250;

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final Thread thread;
    private volatile boolean stopping;

    @Activate
    public SchemasAhead(BundleContext context, @Reference(name = "configurations") ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
        List<Schema> due = due(context);
        thread = new Thread(() -> migrate(due), "omotenashi-schemas-ahead");
        thread.setDaemon(true);
        if (!due.isEmpty()) {
            thread.start();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        // A migration under way is let finish (a schema is changed in whole steps), not interrupted.
        thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
    }

    /**
     * The declared schemas of the modules installed now whose classes can be loaded, in the order of install.
     * While Karaf installs features, the bundles it is about to start are resolved but not started yet (nor
     * marked to be); a module an admin stopped is resolved too, and its schema is checked as well: it needs it
     * when started again.
     */
    static List<Schema> due(BundleContext context) {
        List<Schema> due = new ArrayList<>();
        List<Bundle> bundles = new ArrayList<>(List.of(context.getBundles()));
        // The core's own schemas first (the modules' may rely on them), then the modules' in the order of install,
        // then those migrated on first use.
        long core = context.getBundle().getBundleId();
        bundles.sort(Comparator.comparing((Bundle bundle) -> bundle.getBundleId() != core)
                .thenComparingLong(Bundle::getBundleId));
        List<Schema> later = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if ((bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                continue;
            }
            for (String declared : ModuleBundles.schemas(bundle)) {
                Schema schema = Schema.parse(bundle, declared);
                if (schema != null) {
                    (schema.onFirstUse() ? later : due).add(schema);
                }
            }
        }
        due.addAll(later);
        return due;
    }

    private void migrate(List<Schema> due) {
        long started = System.nanoTime();
        // The core starts before the database is open (on a first start, created): its data source is waited for,
        // a while, once for all of them.
        long deadline = started + TimeUnit.SECONDS.toNanos(DATA_SOURCE_WAIT_SECONDS);
        int migrated = 0;
        for (Schema schema : due) {
            if (stopping) {
                return;
            }
            if (migrate(schema, migrated == 0, deadline)) {
                migrated++;
            }
        }
        LOG.info("{} of {} schemas checked ahead of their modules' start in {} ms", migrated, due.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private boolean migrate(Schema schema, boolean first, long deadline) {
        ClassLoader loader = schema.loader();
        if (loader == null) {
            return false;
        }
        ServiceTracker<DataSource, DataSource> dataSources;
        try {
            dataSources = new ServiceTracker<>(context, context.createFilter(
                    "(&(objectClass=" + DataSource.class.getName() + ")" + target(schema.pid()) + ")"), null);
        } catch (InvalidSyntaxException | IOException e) {
            LOG.debug("No data source to migrate {} ahead: {}", schema.changelog(), e.toString());
            return false;
        }
        dataSources.open();
        try {
            DataSource dataSource = dataSources.getService();
            if (dataSource == null && first) {
                // Meanwhile Liquibase loads what it needs. Not when the database is open already (a restart, where
                // the schemas are mostly unchanged and Liquibase is not needed at all).
                Migrations.prepare(schema.changelog(), loader);
            }
            while (dataSource == null && !stopping && System.nanoTime() < deadline) {
                dataSource = dataSources.waitForService(WAIT_STEP_MILLIS);
            }
            if (dataSource == null) {
                return false;
            }
            Migrations.apply(dataSource, schema.changelog(), loader);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            // The module migrates at its own start and says there what went wrong.
            LOG.debug("Schema {} not migrated ahead: {}", schema.changelog(), e.toString());
            return false;
        } finally {
            dataSources.close();
        }
    }

    private String target(String pid) throws IOException, InvalidSyntaxException {
        if (pid == null) {
            return DEFAULT_TARGET;
        }
        Configuration[] found = configurations.listConfigurations("(service.pid=" + pid + ")");
        if (found == null || found.length == 0) {
            return DEFAULT_TARGET;
        }
        Dictionary<String, Object> properties = found[0].getProperties();
        Object target = properties == null ? null : properties.get("dataSource.target");
        return target instanceof String text && !text.isBlank() ? text : DEFAULT_TARGET;
    }

    /**
     * One declared schema: {@code changelog;pid=configuration-pid}, and {@code ;first-use} for a schema its owner
     * migrates when first needed rather than at its start (it is migrated ahead after the others).
     */
    record Schema(Bundle bundle, String changelog, String pid, boolean onFirstUse) {
        ClassLoader loader() {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            return wiring == null ? null : wiring.getClassLoader();
        }

        static Schema parse(Bundle bundle, String declared) {
            String[] parts = declared.split(";");
            String changelog = parts[0].strip();
            if (changelog.isEmpty()) {
                return null;
            }
            String pid = null;
            boolean onFirstUse = false;
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                if (part.startsWith("pid=")) {
                    pid = part.substring("pid=".length()).strip();
                } else if (part.equals(ON_FIRST_USE)) {
                    onFirstUse = true;
                }
            }
            return new Schema(bundle, changelog, pid, onFirstUse);
        }
    }
}
