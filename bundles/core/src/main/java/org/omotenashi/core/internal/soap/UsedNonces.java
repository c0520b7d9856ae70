package org.omotenashi.core.internal.soap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;

import org.omotenashi.core.db.DuplicateKeyException;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Sql;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UsernameToken nonces seen within the freshness window, kept in the database so that machines sharing it
 * refuse each other's replays too. The table holds only what is still fresh: rows are purged once their window
 * has passed, so its size is bounded by the tokens of one window.
 */
final class UsedNonces {
    static final String CHANGELOG = "db/core/soap-nonces.xml";
    private static final long PURGE_EVERY_MILLIS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(UsedNonces.class);

    private final DataSource dataSource;
    private final Clock clock;
    private volatile long nextPurge;
    private volatile boolean migrated;
    private boolean failureLogged;

    /**
     * Its table is migrated when a nonce is first checked, not here: the SOAP endpoints are built while the
     * core migrates its schemas ahead (SchemasAhead), instead of waiting for this one.
     */
    UsedNonces(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private void migrated() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (migrated) {
                return;
            }
            try {
                Migrations.apply(dataSource, CHANGELOG, UsedNonces.class);
                migrated = true;
            } catch (RuntimeException e) {
                if (!failureLogged) {
                    failureLogged = true;
                    LOG.error("UsernameToken nonces cannot be kept in this data source; tokens with a Nonce are refused for now", e);
                }
                throw unavailable();
            }
        }
    }

    /** What a caller whose token carries a Nonce hears while the nonces cannot be kept. */
    static ProblemException unavailable() {
        return new ProblemException(503, "Service unavailable",
                "Nonces cannot be checked while the database is unavailable; nothing was changed. Try again shortly.");
    }

    /**
     * Records a nonce until {@code keepUntil}; false when the same user sent it before and it is still kept.
     */
    boolean firstUse(String user, String nonce, Instant keepUntil) {
        migrated();
        long now = clock.millis();
        purgeNowAndThen(now);
        String hash = hash(user, nonce);
        try {
            Transactions.inTransaction(dataSource, c -> Sql.update(c,
                    "INSERT INTO SOAP_NONCE (NONCE_HASH, EXPIRES_AT) VALUES (?, ?)", hash, keepUntil.toEpochMilli()));
            return true;
        } catch (DuplicateKeyException e) {
            // Kept but past its window (not yet purged)? Then it is no replay within the window.
            int stale = Transactions.inTransaction(dataSource, c -> Sql.update(c,
                    "UPDATE SOAP_NONCE SET EXPIRES_AT=? WHERE NONCE_HASH=? AND EXPIRES_AT<?", keepUntil.toEpochMilli(), hash, now));
            return stale == 1;
        }
    }

    private void purgeNowAndThen(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + PURGE_EVERY_MILLIS;
        Transactions.inTransaction(dataSource, c -> Sql.update(c, "DELETE FROM SOAP_NONCE WHERE EXPIRES_AT<?", now));
    }

    private static String hash(String user, String nonce) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(user.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return HexFormat.of().formatHex(digest.digest(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
