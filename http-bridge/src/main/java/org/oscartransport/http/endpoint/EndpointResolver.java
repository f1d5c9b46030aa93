package org.oscartransport.http.endpoint;

import io.netty.channel.Channel;

/** Finds the endpoint a request target names: the one of a per-transfer listener, or any on the shared one. */
interface EndpointResolver {

    /** @return the endpoint, or null for a miss (every miss answers the same 404) */
    HttpTransferEndpoint resolve(String requestTarget);

    /**
     * Whether connections may ask for several endpoints' files. If so an endpoint holds a connection only while
     * it sends a response on it, so closing one endpoint does not cut another's download on the same connection.
     */
    boolean sharesConnections();

    /** A new connection arrived. */
    void connected(Channel connection);

    /** The resolver of a per-transfer listener: only its own endpoint, which holds every connection. */
    static EndpointResolver only(HttpTransferEndpoint endpoint) {
        return new EndpointResolver() {
            @Override
            public HttpTransferEndpoint resolve(String requestTarget) {
                return endpoint.path().matches(requestTarget) ? endpoint : null;
            }

            @Override
            public boolean sharesConnections() {
                return false;
            }

            @Override
            public void connected(Channel connection) {
                endpoint.track(connection);
            }
        };
    }
}
