package org.testigo.scan;

/**
 * What Testigo's own header parsers read from an image file before any decoder sees it.
 *
 * @param mediaType sniffed from the bytes
 * @param width in pixels, as stored
 * @param height in pixels, as stored
 * @param orientation the EXIF orientation (1-8; 1 when absent or unreadable)
 */
record ImageStructure(String mediaType, int width, int height, int orientation) {

    ImageHeader header() {
        return new ImageHeader(mediaType, width, height);
    }
}
