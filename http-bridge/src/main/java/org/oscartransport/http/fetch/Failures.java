package org.oscartransport.http.fetch;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns whatever a fetch ran into into a {@link FetchException} whose message names the origin, never the URL. */
final class Failures {

    private Failures() {}

    static FetchException classify(Throwable failure, FetchTarget target) {
        Throwable e = unwrap(failure);
        if (e instanceof FetchException fetch) return fetch;
        String origin = target.origin();
        if (e instanceof UnknownHostException) {
            return new FetchUnreachableException("cannot resolve " + target.host(), e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new FetchTimeoutException("connecting to " + origin + " timed out", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new FetchUnreachableException("cannot connect to " + origin + ": " + e.getMessage(), e);
        }
        if (e instanceof ReadTimeoutException) {
            return new FetchTimeoutException(origin + " sent nothing for too long", e);
        }
        if (has(e, SslHandshakeTimeoutException.class)) {
            return new FetchTimeoutException("TLS handshake with " + origin + " timed out", e);
        }
        if (has(e, SSLHandshakeException.class) || has(e, CertificateException.class)) {
            // Only servers whose certificate verifies for the URL's host name are fetched from.
            return new FetchRefusedException("TLS with " + origin + " failed: " + rootMessage(e), e);
        }
        if (has(e, SSLException.class)) {
            return new FetchFailedException("TLS with " + origin + " failed: " + rootMessage(e), e);
        }
        if (e instanceof DecoderException) {
            return new FetchFailedException("broken HTTP response from " + origin + ": " + rootMessage(e), e);
        }
        return new FetchFailedException("fetch from " + origin + " failed: " + e, e);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
