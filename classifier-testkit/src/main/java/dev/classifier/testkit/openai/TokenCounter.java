package dev.classifier.testkit.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokens as gpt-4o-mini counts them: jtokkit's o200k_base. Prompts are counted the way OpenAI's cookbook counts
 * chat messages (3 tokens per message, 1 more per name, 3 to prime the reply), plus the json_schema's own
 * tokens: an estimate, since OpenAI does not publish its exact framing.
 */
final class TokenCounter {

    /** Stand-ins for the message framing tokens, which have no text; never produced by the encoder. */
    private static final int MESSAGE_START = -1;
    private static final int ROLE_END = -2;
    private static final int MESSAGE_END = -3;
    private static final int NAME = -4;
    private static final int REPLY_PRIMING = -5;
    private static final int SCHEMA_END = -6;

    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** One token of a text: its id, and its bytes (a token may hold part of a multi-byte character). */
    record Piece(int id, byte[] bytes) {
    }

    int count(String text) {
        return O200K.countTokensOrdinary(text);
    }

    int[] encode(String text) {
        return O200K.encodeOrdinary(text).toArray();
    }

    String decode(int[] tokens) {
        IntArrayList list = new IntArrayList(tokens.length);
        for (int t : tokens) {
            list.add(t);
        }
        return O200K.decode(list);
    }

    byte[] bytesOf(int token) {
        IntArrayList one = new IntArrayList(1);
        one.add(token);
        return O200K.decodeBytes(one);
    }

    List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        for (int token : encode(text)) {
            pieces.add(new Piece(token, bytesOf(token)));
        }
        return pieces;
    }

    /**
     * The prompt as a token sequence whose length is its token count: the schema first (it belongs to the cached
     * prefix), then each message framed, then the reply priming.
     */
    int[] prompt(ChatRequest request) {
        IntArrayList tokens = new IntArrayList(256);
        request.responseFormat().schema().ifPresent(schema -> {
            addAll(tokens, encode(Json.text(schema)));
            tokens.add(SCHEMA_END);
        });
        for (ChatMessage message : request.messages()) {
            tokens.add(MESSAGE_START);
            addAll(tokens, encode(message.role()));
            tokens.add(ROLE_END);
            addAll(tokens, encode(message.content()));
            if (message.name().isPresent()) {
                tokens.add(NAME);
                addAll(tokens, encode(message.name().get()));
            }
            tokens.add(MESSAGE_END);
        }
        for (int i = 0; i < 3; i++) {
            tokens.add(REPLY_PRIMING);
        }
        return tokens.toArray();
    }

    private static void addAll(IntArrayList into, int[] tokens) {
        for (int t : tokens) {
            into.add(t);
        }
    }
}
