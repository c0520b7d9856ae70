package org.omotenashi.derby.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new embedded database starts as a copy of the one the distribution ships, in the folder named by the system
 * property {@value #TEMPLATE}: the build made it with every schema of the suite migrated, so the first start of a new
 * installation does not migrate them, as a restart does not. Only a database on disk that does not exist yet, and
 * that Derby is asked to create, is copied; anything else (no template, an in-memory database, an existing one, a copy
 * that fails) is left to Derby and the migrations, as without a template.
 */
final class NewDatabaseCopy {
    static final String TEMPLATE = "omotenashi.derby.newDatabase";
    private static final Logger LOG = LoggerFactory.getLogger(NewDatabaseCopy.class);
    private static final String DIRECTORY = "directory:";

    private NewDatabaseCopy() {
    }

    /** Copies the template for {@code dataSource}'s database if that is new; says whether it did. */
    static boolean ifNew(EmbeddedDataSource dataSource, String template) {
        if (template == null || template.isBlank() || !createAsked(dataSource)) {
            return false;
        }
        Path target = onDisk(dataSource.getDatabaseName());
        Path source = Path.of(template);
        if (target == null || Files.exists(target) || !Files.isRegularFile(source.resolve("service.properties"))) {
            return false;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".new");
        try {
            // What a copy cut short by a crash left behind; the database itself only appears whole, by the move.
            delete(partial);
            copy(source, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            forceFolder(target.getParent());
            LOG.info("New database {} made as a copy of {}, whose schemas are migrated", target, source);
            return true;
        } catch (IOException e) {
            LOG.warn("New database {} not copied from {} ({}); Derby creates it and the schemas are migrated", target,
                    source, e.toString());
            try {
                delete(partial);
            } catch (IOException ignored) {
                // left for the next start to remove
            }
            return false;
        }
    }

    private static boolean createAsked(EmbeddedDataSource dataSource) {
        if ("create".equalsIgnoreCase(dataSource.getCreateDatabase())) {
            return true;
        }
        String attributes = dataSource.getConnectionAttributes();
        if (attributes == null) {
            return false;
        }
        for (String attribute : attributes.split(";")) {
            if (attribute.strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("create=true")) {
                return true;
            }
        }
        return false;
    }

    /** The database's folder, or null when it does not live in a folder (memory:, classpath:, jar:). */
    static Path onDisk(String databaseName) {
        String name = databaseName;
        if (name.startsWith(DIRECTORY)) {
            name = name.substring(DIRECTORY.length());
        } else if (name.matches("^[a-zA-Z]{2,}:.*")) {
            return null;
        }
        Path path = Path.of(name);
        return path.isAbsolute() ? path
                : Path.of(System.getProperty("derby.system.home", System.getProperty("user.dir"))).resolve(path);
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.copy(file, copy);
                // On disk before Derby opens it: Derby's log makes its own later writes durable, not the files it
                // finds (a power cut after the first writes must not leave a database of half-written pages).
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                if (failed != null) {
                    throw failed;
                }
                forceFolder(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Makes a folder's entries durable where the platform can (Linux can; some cannot open a folder at all). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Folder {} not forced to disk: {}", folder, e.toString());
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
