package org.oscartransport.oscar.login;

/** What a successful login yields: where the BOS server is and the cookie that admits us there. */
public record BosTicket(String screenName, String host, int port, byte[] cookie) {

    @Override
    public String toString() {
        // never print the cookie: it is a credential
        return "BosTicket[" + screenName + " -> " + host + ":" + port + "]";
    }
}
