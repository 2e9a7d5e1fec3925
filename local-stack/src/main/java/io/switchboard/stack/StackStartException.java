package io.switchboard.stack;

/** A part of the stack could not be started; the message says which and why. */
public class StackStartException extends RuntimeException {
    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
