package org.testigo.messaging;

/** What the deployment answers to a message: plain text, to the conversation it came from. */
public record Reply(String conversation, String text) {
    public Reply {
        if (conversation == null || text == null || text.isBlank()) {
            throw new IllegalArgumentException("a reply needs a conversation and some text");
        }
    }
}
