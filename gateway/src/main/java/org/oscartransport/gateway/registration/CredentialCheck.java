package org.oscartransport.gateway.registration;

import java.util.concurrent.CompletableFuture;

/** Proves an ICQ UIN and password are right, asking the ICQ server. Fails with the login's exception otherwise. */
@FunctionalInterface
public interface CredentialCheck {
    CompletableFuture<Void> verify(String uin, String password);
}
