/**
 * Outbound fetches: the HTTP(S) client that reads the files Jabber users send to ICQ contacts (the user's client
 * uploads to its own server, XEP-0363, and gives the transport the URL).
 *
 * <p>Public surface: {@link org.oscartransport.http.fetch.UrlFetcher} ({@code probe}, {@code stream}),
 * {@link org.oscartransport.http.fetch.FetchPolicy}, {@link org.oscartransport.http.fetch.AddressRange},
 * {@link org.oscartransport.http.fetch.RemoteFile}, {@link org.oscartransport.http.fetch.FetchSink} and the
 * {@link org.oscartransport.http.fetch.FetchException} family. Everything else is package-private: the
 * pipeline ({@code FetchChannelInitializer}), {@code Connector}, {@code Destinations} (resolve once and
 * check), {@code AddressPolicy}/{@code SpecialAddresses}, {@code Prober}, {@code HeadersOnlyExchange},
 * {@code BodyRelay}, {@code ReadTimeoutGuard}, {@code FileNames}/{@code DispositionFileName}.
 *
 * <p>A request's path: {@code FetchTarget} (http/https only, no credentials) → {@code Destinations} (one lookup
 * on a small thread pool, every address checked; one refused address refuses the name) → {@code Connector}
 * (checked addresses in order, Netty's resolver disabled) → TLS with SNI and host-name verification against the
 * URL's name → {@code HttpClientCodec} → {@code HeadersOnlyExchange} (probe) or {@code BodyRelay} (stream).
 */
package org.oscartransport.http.fetch;
