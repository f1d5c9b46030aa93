package org.oscartransport.oscar.login;

/** The client identity sent at login: libpurple's ICQ plugin values (oscar.md §3.1), which servers accept. */
final class ClientIdentity {

    private ClientIdentity() {}

    static final String ID_STRING = "Pidgin/2.14.1";
    static final int CLIENT_ID = 0x010A;
    static final int MAJOR = 0x0014;
    static final int MINOR = 0x0034;
    static final int POINT = 0x0000;
    static final int BUILD = 0x0C18;
    static final long DISTRIBUTION = 0x00000611L;
}
