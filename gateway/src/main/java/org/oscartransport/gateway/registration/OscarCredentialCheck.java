package org.oscartransport.gateway.registration;

import java.util.concurrent.CompletableFuture;
import org.oscartransport.oscar.session.OscarClient;
import org.oscartransport.oscar.session.OscarSessionListener;

/** Checks credentials by logging in to the OSCAR server and signing off again at once. */
public final class OscarCredentialCheck implements CredentialCheck {

    private final OscarClient client;

    public OscarCredentialCheck(OscarClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Void> verify(String uin, String password) {
        return client.login(uin, password, new OscarSessionListener() {}).thenAccept(session -> session.close());
    }
}
