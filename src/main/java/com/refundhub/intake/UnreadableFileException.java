package com.refundhub.intake;

/** A batch file that cannot be read at all: binary, not UTF-8, empty, no usable header. */
public class UnreadableFileException extends Exception {
    public UnreadableFileException(String message) {
        super(message);
    }
}
