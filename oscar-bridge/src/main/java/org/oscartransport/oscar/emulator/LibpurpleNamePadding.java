package org.oscartransport.oscar.emulator;

/**
 * libpurple 2.14 reads a 0x2711 file name from the {@code strlen(name)} bytes after the first NUL, so it drops
 * proposals that end right after that NUL (oscar.md §12.5.1) — including those from libpurple itself. The relay
 * rewrites such names to {@code name NUL name NUL}, which every reader understands, so libpurple users of the
 * emulator can send each other files. AOL's servers did not do this; it is a test-server courtesy.
 */
final class LibpurpleNamePadding {

    private static final int HEADER = 8; // kind, count, size

    private LibpurpleNamePadding() {}

    /** libpurple reads the name's copy after the NUL; NUL padding (joscar writes 46) would read as "". */
    private static boolean secondCopyFollows(byte[] value, int nul, int nameLength) {
        if (nul < 0 || value.length - nul - 1 < nameLength) {
            return false;
        }
        return java.util.Arrays.equals(value, HEADER, HEADER + nameLength, value, nul + 1, nul + 1 + nameLength);
    }

    /** The value to relay: unchanged unless too few bytes follow the name's NUL for libpurple. */
    static byte[] pad(byte[] serviceData) {
        if (serviceData.length <= HEADER) {
            return serviceData;
        }
        int nul = -1;
        for (int i = HEADER; i < serviceData.length; i++) {
            if (serviceData[i] == 0) {
                nul = i;
                break;
            }
        }
        int nameLength = (nul < 0 ? serviceData.length : nul) - HEADER;
        int after = nul < 0 ? 0 : serviceData.length - nul - 1;
        if (nameLength == 0 || secondCopyFollows(serviceData, nul, nameLength)
                || HEADER + 2 * (nameLength + 1) > 0xFFFF) {
            return serviceData;
        }
        byte[] padded = new byte[HEADER + 2 * (nameLength + 1)];
        System.arraycopy(serviceData, 0, padded, 0, HEADER + nameLength);
        System.arraycopy(serviceData, HEADER, padded, HEADER + nameLength + 1, nameLength);
        return padded;
    }
}
