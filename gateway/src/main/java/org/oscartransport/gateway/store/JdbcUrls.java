package org.oscartransport.gateway.store;

import java.util.regex.Pattern;

/** JDBC URL helpers. */
public final class JdbcUrls {
    // password=... parameters (PostgreSQL, MySQL style &password=, H2 style ;PASSWORD=) and user:password@
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private JdbcUrls() {}

    /** The URL with any password replaced by {@code ***}, fit for logs and error messages. */
    public static String withoutPassword(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1***@");
    }
}
