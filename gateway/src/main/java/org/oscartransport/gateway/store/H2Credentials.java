package org.oscartransport.gateway.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An H2 URL without its {@code ;USER=} and {@code ;PASSWORD=} settings, and those two values
 * ({@code sa} and an empty password when absent, H2's conventional defaults).
 */
record H2Credentials(String url, String user, String password) {
    private static final Pattern USER = Pattern.compile("(?i);USER=([^;]*)");
    private static final Pattern PASSWORD = Pattern.compile("(?i);PASSWORD=([^;]*)");

    static H2Credentials split(String url) {
        Matcher user = USER.matcher(url);
        String userName = user.find() ? user.group(1) : "sa";
        Matcher password = PASSWORD.matcher(url);
        String passwordValue = password.find() ? password.group(1) : "";
        String bare = PASSWORD.matcher(USER.matcher(url).replaceAll("")).replaceAll("");
        return new H2Credentials(bare, userName, passwordValue);
    }

    @Override
    public String toString() {
        return "H2Credentials[url=" + url + ", user=" + user + ", password=***]";
    }
}
