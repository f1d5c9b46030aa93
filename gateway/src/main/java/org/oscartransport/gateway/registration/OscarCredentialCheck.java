package org.oscartransport.gateway.registration;

import java.util.concurrent.CompletableFuture;
import org.oscartransport.oscar.session.OscarClient;

/**
 * Checks credentials with the OSCAR login server, which answers for the password, and stops before signing on:
 * a user who is online on ICQ with the same UIN (changing their password) stays signed on.
 */
public final class OscarCredentialCheck implements CredentialCheck {

    private final OscarClient client;

    public OscarCredentialCheck(OscarClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Void> verify(String uin, String password) {
        return client.checkPassword(uin, password);
    }
}
