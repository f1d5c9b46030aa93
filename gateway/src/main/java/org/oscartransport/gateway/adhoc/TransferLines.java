package org.oscartransport.gateway.adhoc;

import java.util.Locale;
import org.oscartransport.gateway.transfer.ActiveTransfers;

/** How a transfer reads in command forms and notes: name, direction, progress and rate. */
final class TransferLines {

    private TransferLines() {}

    /** @param withUser whether to name the Jabber user (admins see everyone's transfers) */
    static String describe(ActiveTransfers.Entry transfer, boolean withUser) {
        String direction = transfer.direction() == ActiveTransfers.Direction.IN
                ? "from " + transfer.uin() + (withUser ? " to " + transfer.bareJid() : "")
                : (withUser ? "from " + transfer.bareJid() + " " : "") + "to " + transfer.uin();
        String progress = transfer.started()
                ? size(transfer.bytes()) + " of " + size(transfer.size()) + ", " + size(transfer.bytesPerSecond()) + "/s"
                : "waiting (" + size(transfer.size()) + ")";
        return "#" + transfer.id() + " " + transfer.fileName() + " " + direction + ": " + progress;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
