package vmlab.filesystem;

import java.io.IOException;

/** A disk image that is not a well-formed LabFS image; the message names the image, what is wrong and where. */
public final class CorruptImageException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptImageException(String message) {
        super(message);
    }
}
