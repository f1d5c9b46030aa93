package org.oscartransport.gateway.store;

import java.util.List;
import java.util.Optional;

/**
 * Where registrations live. Implementations may block (disk, network database): call them from a
 * worker thread, never from a Netty event loop or Whack's packet thread. Failures are
 * {@link StoreException}s.
 */
public interface RegistrationStore {

    Optional<Registration> find(String bareJid);

    /** Inserts, or replaces the UIN and password of an existing registration for the same bare JID. */
    void save(Registration registration);

    /** @return whether there was a registration to delete */
    boolean delete(String bareJid);

    /** Every registration, ordered by bare JID. */
    List<Registration> all();
}
