package org.oscartransport.gateway.store;

import java.util.List;
import java.util.Optional;

/** Keeps ICQ passwords encrypted in the underlying store; callers see them in clear. */
public final class EncryptingRegistrationStore implements RegistrationStore {

    private final RegistrationStore store;
    private final PasswordCipher cipher;

    public EncryptingRegistrationStore(RegistrationStore store, PasswordCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    @Override
    public Optional<Registration> find(String bareJid) {
        return store.find(bareJid).map(this::decrypted);
    }

    @Override
    public void save(Registration registration) {
        store.save(new Registration(registration.bareJid(), registration.uin(), cipher.encrypt(registration.password())));
    }

    @Override
    public boolean delete(String bareJid) {
        return store.delete(bareJid);
    }

    @Override
    public List<Registration> all() {
        return store.all().stream().map(this::decrypted).toList();
    }

    private Registration decrypted(Registration stored) {
        return new Registration(stored.bareJid(), stored.uin(), cipher.decrypt(stored.password()));
    }
}
