package org.oscartransport.http.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server TLS context built from {@link TlsFiles}, rebuilt when either file's modification time changes, so a
 * renewed certificate (certbot swaps its live files every few weeks) is served without a restart. New connections
 * ask {@link #current()}; connections already open keep the context they started with.
 *
 * <p>The files are looked at no more often than the check interval, when a connection arrives: a stat of two
 * files is cheap enough for an event loop, and the rare rebuild reads two small files. A rebuild that fails (a
 * half-written file, a key that does not parse or does not belong to the certificate, as between certbot's swap
 * of the chain and of the key) keeps the previous context and logs one warning; the next change
 * of either file is tried again. Thread-safe.
 */
public final class ReloadingServerContext {

    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(ReloadingServerContext.class);

    private final TlsFiles files;
    private final long checkIntervalNanos;
    private volatile SslContext context;
    /** Modification times last tried, loaded or not: a failed version is not retried until it changes. */
    private volatile List<FileTime> triedVersion;
    private volatile long nextCheckNanos;

    private ReloadingServerContext(TlsFiles files, Duration checkInterval, SslContext context,
            List<FileTime> version) {
        this.files = files;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.context = context;
        this.triedVersion = version;
        this.nextCheckNanos = System.nanoTime() + checkIntervalNanos;
    }

    /**
     * Loads the files now.
     *
     * @throws IllegalArgumentException naming the files when they cannot be read or do not make a context
     */
    public static ReloadingServerContext load(TlsFiles files, Duration checkInterval) {
        Objects.requireNonNull(files, "files");
        if (checkInterval.isNegative()) throw new IllegalArgumentException("checkInterval must not be negative");
        try {
            List<FileTime> version = versionOf(files);
            return new ReloadingServerContext(files, checkInterval, build(files), version);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load TLS certificate chain " + files.certificateChain()
                    + " with key " + files.privateKey() + ": " + firstLine(e), e);
        }
    }

    /** The context for a connection arriving now; reloads first if the files changed since the last look. */
    public SslContext current() {
        long now = System.nanoTime();
        if (now - nextCheckNanos >= 0) {
            synchronized (this) {
                if (now - nextCheckNanos >= 0) {
                    nextCheckNanos = now + checkIntervalNanos;
                    reloadIfChanged();
                }
            }
        }
        return context;
    }

    private void reloadIfChanged() {
        List<FileTime> version;
        try {
            version = versionOf(files);
        } catch (IOException e) {
            return; // mid-swap (a symlink briefly missing): look again at the next check
        }
        List<FileTime> before = triedVersion;
        if (version.equals(before)) return;
        triedVersion = version;
        try {
            context = build(files);
            log.info("TLS certificate reloaded from {}", files.certificateChain());
        } catch (IOException | RuntimeException e) {
            log.warn("cannot reload TLS {}, keeping the previous certificate: {}", changedFiles(before, version),
                    firstLine(e));
        }
    }

    private String changedFiles(List<FileTime> before, List<FileTime> now) {
        List<String> changed = new ArrayList<>();
        if (!now.get(0).equals(before.get(0))) changed.add("certificate chain " + files.certificateChain());
        if (!now.get(1).equals(before.get(1))) changed.add("key " + files.privateKey());
        return String.join(" and ", changed);
    }

    private static SslContext build(TlsFiles files) throws IOException {
        MatchingKey.check(files);
        return SslContextBuilder.forServer(files.certificateChain().toFile(), files.privateKey().toFile())
                .sslProvider(SslProvider.JDK)
                .build();
    }

    /** Follows symlinks, as certbot's live/ directory is made of them. */
    private static List<FileTime> versionOf(TlsFiles files) throws IOException {
        return List.of(Files.getLastModifiedTime(files.certificateChain()),
                Files.getLastModifiedTime(files.privateKey()));
    }

    /** One line for a log or an error; parser messages name the problem, never the key's bytes. */
    private static String firstLine(Throwable e) {
        String message;
        if (e instanceof NoSuchFileException) {
            message = "no such file " + e.getMessage();
        } else if (e instanceof AccessDeniedException) {
            message = "permission denied " + e.getMessage();
        } else {
            message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }
}
