package org.oscartransport.http.endpoint;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared listener's table of open endpoints, by token. Thread-safe: endpoints are added from any thread.
 *
 * <p>Keyed by the SHA-256 of the token, not the token itself: a lookup of a guess then costs the same whether or
 * not the guess shares a prefix (or a {@code hashCode}) with a real token. A hit is confirmed by the endpoint's
 * own constant-time token comparison and name check.
 */
final class SharedRoutes implements EndpointResolver {

    private final String prefix;
    private final Map<String, HttpTransferEndpoint> byTokenDigest = new ConcurrentHashMap<>();

    /** @param prefix the public base's path, ending with {@code /}; stripped from request paths */
    SharedRoutes(String prefix) {
        this.prefix = prefix;
    }

    void add(HttpTransferEndpoint endpoint) {
        byTokenDigest.put(digest(endpoint.path().token().value()), endpoint);
    }

    void remove(HttpTransferEndpoint endpoint) {
        byTokenDigest.remove(digest(endpoint.path().token().value()), endpoint);
    }

    @Override
    public HttpTransferEndpoint resolve(String requestTarget) {
        String path = EndpointPath.pathOf(requestTarget);
        if (!path.startsWith(prefix)) return null;
        String local = "/" + path.substring(prefix.length());
        int slash = local.indexOf('/', 1);
        if (slash < 0) return null;
        HttpTransferEndpoint endpoint = byTokenDigest.get(digest(local.substring(1, slash)));
        return endpoint != null && endpoint.path().matches(local) ? endpoint : null;
    }

    /** Connections may ask for any file, so no endpoint owns one. */
    @Override
    public boolean sharesConnections() {
        return true;
    }

    @Override
    public void connected(Channel connection) {
        // held by an endpoint only while it answers on it
    }

    int size() {
        return byTokenDigest.size();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
