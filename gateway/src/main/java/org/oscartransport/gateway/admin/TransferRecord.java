package org.oscartransport.gateway.admin;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the transfer log says about one finished transfer. Holds nothing secret: no URL, token or password.
 *
 * @param id        stable for the transfer's whole life (the rendezvous cookie in hex), to match other log lines
 * @param uin       the ICQ contact's UIN
 * @param userJid   the Jabber user's bare JID
 * @param fileName  as the sender named it (not sanitised; the log line escapes it)
 * @param size      announced size in bytes
 * @param bytes     bytes actually delivered, when known
 * @param duration  from the start of the download, or from the offer when no download started
 * @param reason    why it did not complete; empty when it did
 */
public record TransferRecord(String id, Direction direction, String uin, String userJid, String fileName, long size,
        OptionalLong bytes, Duration duration, Outcome outcome, String reason) {

    public enum Direction {
        /** ICQ contact → Jabber user. */
        IN,
        /** Jabber user → ICQ contact. */
        OUT
    }

    public enum Outcome {
        COMPLETED,
        /** The Jabber user (or their client) said no. */
        DECLINED,
        /** The ICQ contact withdrew the file. */
        CANCELLED,
        /** Anything else: network, timeout, expiry, refusal by policy. */
        FAILED
    }

    public TransferRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }
}
