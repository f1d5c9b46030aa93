package org.oscartransport.http.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** A blocking name lookup; {@link Destinations} calls it once per request, off the event loops. */
@FunctionalInterface
interface HostLookup {

    /**
     * The operating system's resolver ({@code /etc/hosts}, nsswitch, the configured DNS servers): admins get
     * exactly the name resolution the rest of the machine has, which Netty's own DNS client would not give.
     */
    HostLookup SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** At least one address; IP literals come back as they are, without a lookup. */
    List<InetAddress> lookup(String host) throws UnknownHostException;
}
