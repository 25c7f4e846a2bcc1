package dev.classifier.spark;

import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the id, title and body are in the input rows: positions, resolved once against the schema.
 *
 * @param id    the id column's position
 * @param title the title column's position, or -1 when there is none
 * @param body  the body column's position, or -1 when there is none
 */
record InputColumns(int id, int title, int body) implements Serializable {

    /**
     * Resolves the names. A column set by hand must be there; one left at its default ({@code title},
     * {@code body}) is used when it is there. At least one text column must be.
     */
    static InputColumns resolve(StructType schema, String idName, TextColumn title, TextColumn body) {
        int id = index(schema, idName).orElseThrow(() -> new IllegalArgumentException("the input has no id column '"
                + idName + "'; its columns are " + Arrays.toString(schema.fieldNames()) + " (set idColumn(...))"));
        int titleIndex = title.resolve(schema);
        int bodyIndex = body.resolve(schema);
        if (titleIndex < 0 && bodyIndex < 0) {
            throw new IllegalArgumentException("the input has neither a title column '" + title.name()
                    + "' nor a body column '" + body.name() + "'; its columns are "
                    + Arrays.toString(schema.fieldNames()) + " (set titleColumn(...) or bodyColumn(...))");
        }
        return new InputColumns(id, titleIndex, bodyIndex);
    }

    static Optional<Integer> index(StructType schema, String name) {
        int i = Arrays.asList(schema.fieldNames()).indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /**
     * A text column by name, and whether it was set by hand (then it must exist).
     *
     * @param name     the column's name
     * @param explicit set by hand
     */
    record TextColumn(String name, boolean explicit) implements Serializable {

        int resolve(StructType schema) {
            Optional<Integer> index = index(schema, name);
            if (index.isEmpty() && explicit) {
                throw new IllegalArgumentException("the input has no column '" + name + "'; its columns are "
                        + Arrays.toString(schema.fieldNames()));
            }
            return index.orElse(-1);
        }
    }
}
