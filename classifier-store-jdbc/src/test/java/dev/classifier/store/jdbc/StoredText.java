package dev.classifier.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Everything a database store holds, as text, for the purge tests to search. */
final class StoredText {

    private static final List<String> TABLES = List.of("classifier_feedback", "classifier_changes");

    private StoredText() {
    }

    /** Every value of every row of the store's tables. */
    static String ofTables(String url) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            text.append(rows.getString(i)).append('\t');
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    /** The tables, and the bytes of a SQLite file and its write-ahead log (free pages included). */
    static String ofSqlite(Path file) throws SQLException, IOException {
        StringBuilder text = new StringBuilder(ofTables("jdbc:sqlite:" + file.toAbsolutePath()));
        for (Path part : List.of(file, file.resolveSibling(file.getFileName() + "-wal"))) {
            if (Files.exists(part)) {
                text.append(new String(Files.readAllBytes(part), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
