package io.github.clusterready.tomcat.war;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes to a file channel: whole buffers, and raw ranges of another file moved by the kernel where it can. */
final class ZipWriter {
    private ZipWriter() {
    }

    static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    static void copyRange(FileChannel in, long position, long count, FileChannel out) throws IOException {
        long at = position;
        long left = count;
        while (left > 0) {
            long n = in.transferTo(at, left, out);
            if (n <= 0) {
                throw new EOFException("could copy only up to byte " + at + " of " + (position + count));
            }
            at += n;
            left -= n;
        }
    }
}
