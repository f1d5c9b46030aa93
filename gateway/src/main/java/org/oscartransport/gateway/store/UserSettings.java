package org.oscartransport.gateway.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A registered user's choices about how the transport talks to them. */
public record UserSettings(OfferStyle offerStyle, boolean notices) {

    public static final UserSettings DEFAULT = new UserSettings(OfferStyle.AUTO, true);

    /** How a file from an ICQ contact is offered. */
    public enum OfferStyle {
        /** jabber:iq:oob to a resource that advertises it, else a message with jabber:x:oob (the default). */
        AUTO,
        /** Always a message with jabber:x:oob, even to clients that advertise jabber:iq:oob. */
        MESSAGE,
        /** A plain chat line with the name, size and URL, for clients that render neither form. */
        TEXT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<OfferStyle> byCode(String code) {
            return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
        }
    }
}
