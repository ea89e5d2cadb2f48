package org.testigo.messaging;

/** The platform sent something unreadable, refused a call, or could not be reached. */
public final class MessagingException extends Exception {
    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
