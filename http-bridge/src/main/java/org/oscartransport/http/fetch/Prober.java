package org.oscartransport.http.fetch;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a URL's size, type and name: HEAD, following redirects (each target resolved and checked anew), and a
 * GET whose body is never read when HEAD does not give a usable answer (405, 501, other errors, no length).
 */
final class Prober {

    private static final Logger log = LoggerFactory.getLogger(Prober.class);

    private final Destinations destinations;
    private final Connector connector;
    private final FetchPolicy policy;

    Prober(Destinations destinations, Connector connector, FetchPolicy policy) {
        this.destinations = destinations;
        this.connector = connector;
        this.policy = policy;
    }

    CompletableFuture<RemoteFile> probe(URI url) {
        return step(url, HttpMethod.HEAD, 0);
    }

    private record Answer(HttpResponse response, Connector.Connected connection) {}

    private CompletableFuture<RemoteFile> step(URI url, HttpMethod method, int redirects) {
        FetchTarget target;
        try {
            target = FetchTarget.of(url);
        } catch (FetchRefusedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return destinations.resolve(target)
                .thenCompose(checked -> connector.connect(target, checked))
                .thenCompose(connected -> exchange(connected, target, method))
                .handle((answer, failure) -> failure == null
                        ? decide(url, target, method, redirects, answer)
                        : CompletableFuture.<RemoteFile>failedFuture(Failures.classify(failure, target)))
                .thenCompose(next -> next);
    }

    private CompletableFuture<Answer> exchange(Connector.Connected connected, FetchTarget target, HttpMethod method) {
        HeadersOnlyExchange exchange = new HeadersOnlyExchange(Requests.of(method, target, policy.userAgent()));
        connected.channel().pipeline().addLast("exchange", exchange);
        return exchange.response().thenApply(response -> new Answer(response, connected));
    }

    private CompletableFuture<RemoteFile> decide(URI url, FetchTarget target, HttpMethod method, int redirects,
            Answer answer) {
        HttpResponse response = answer.response();
        int status = response.status().code();
        log.debug("{} {} answered {}", method, target.origin(), status);
        try {
            if (ResponseHeads.isRedirect(status)) {
                return step(redirectTarget(url, target, response, redirects), method, redirects + 1);
            }
            if (ResponseHeads.isGone(status)) {
                throw new FetchNotFoundException(target.origin() + " answered " + status);
            }
            long size = status == 200 ? ResponseHeads.contentLength(response) : -1;
            if (method.equals(HttpMethod.HEAD) && (status != 200 || size < 0)) {
                // Some upload servers refuse HEAD or leave out its length: their GET tells the truth.
                return step(url, HttpMethod.GET, redirects);
            }
            if (status != 200) throw new FetchFailedException(target.origin() + " answered " + status);
            if (size > FetchPolicy.OFT_MAX_SIZE) {
                throw new FetchRefusedException("too large: " + size + " bytes, and ICQ cannot carry files of 4 GiB"
                        + " or more");
            }
            if (size > policy.maxSize()) {
                throw new FetchRefusedException("too large: " + size + " bytes, the limit is " + policy.maxSize());
            }
            String name = FileNames.of(response.headers().get("Content-Disposition"), url);
            return CompletableFuture.completedFuture(new RemoteFile(url, answer.connection().address(), size,
                    ResponseHeads.contentType(response), name));
        } catch (FetchException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private URI redirectTarget(URI url, FetchTarget target, HttpResponse response, int redirects)
            throws FetchException {
        if (redirects >= policy.maxRedirects()) {
            throw new FetchRefusedException("too many redirects: more than " + policy.maxRedirects());
        }
        String location = response.headers().get("Location");
        if (location == null || location.isBlank()) {
            throw new FetchFailedException(target.origin() + " redirected without a Location");
        }
        try {
            return url.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new FetchFailedException(target.origin() + " redirected to a malformed URL");
        }
    }
}
