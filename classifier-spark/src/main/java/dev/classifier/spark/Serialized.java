package dev.classifier.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;

/** Java serialization of what travels with the tasks: checked on the driver, and hashed into a model key. */
final class Serialized {

    private Serialized() {
    }

    static byte[] bytes(Object object, String role) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the " + role + " " + object.getClass().getName()
                    + " cannot be sent to the executors: it holds an object of " + e.getMessage()
                    + ", which is not serializable; keep paths and settings in it and build the rest when it is"
                    + " called", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + role + " " + object.getClass().getName()
                    + " cannot be serialized: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
