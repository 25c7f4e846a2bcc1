package dev.classifier.store.jdbc;

/** JDBC URLs as they may appear in messages and logs: without credentials or other parameters. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    /**
     * The URL up to its parameters: {@code jdbc:postgresql://db:5432/app?user=u&password=p} becomes
     * {@code jdbc:postgresql://db:5432/app}; any {@code user:password@} before the host goes too.
     */
    static String redact(String url) {
        String redacted = url;
        int query = redacted.indexOf('?');
        if (query >= 0) {
            redacted = redacted.substring(0, query);
        }
        int semicolon = redacted.indexOf(';');
        if (semicolon >= 0) {
            redacted = redacted.substring(0, semicolon);
        }
        int hostStart = redacted.indexOf("//");
        int at = redacted.indexOf('@', Math.max(hostStart, 0));
        if (hostStart >= 0 && at > hostStart) {
            int pathStart = redacted.indexOf('/', hostStart + 2);
            if (pathStart < 0 || at < pathStart) {
                redacted = redacted.substring(0, hostStart + 2) + redacted.substring(at + 1);
            }
        }
        return redacted;
    }
}
