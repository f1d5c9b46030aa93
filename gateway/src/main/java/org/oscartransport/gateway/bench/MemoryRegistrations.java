package org.oscartransport.gateway.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.gateway.store.RegistrationStore;

/** Registrations in a map: the bench measures sessions and transfers, not the database. */
final class MemoryRegistrations implements RegistrationStore {

    private final Map<String, Registration> byBareJid = new ConcurrentHashMap<>();

    @Override
    public Optional<Registration> find(String bareJid) {
        return Optional.ofNullable(byBareJid.get(bareJid));
    }

    @Override
    public void save(Registration registration) {
        byBareJid.put(registration.bareJid(), registration);
    }

    @Override
    public boolean delete(String bareJid) {
        return byBareJid.remove(bareJid) != null;
    }

    @Override
    public List<Registration> all() {
        List<Registration> all = new ArrayList<>(byBareJid.values());
        all.sort(Comparator.comparing(Registration::bareJid));
        return all;
    }
}
