package org.oscartransport.oscar.session;

/**
 * One buddy from the server-stored contact list. {@code nickname} is the alias the owner gave it (TLV 0x0131), or
 * null; {@code group} is the name of the group it is filed under, or null if the list has no such group.
 */
public record Contact(String uin, String nickname, String group) {}
