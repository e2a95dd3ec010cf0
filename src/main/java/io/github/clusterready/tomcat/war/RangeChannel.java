package io.github.clusterready.tomcat.war;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/** A window {@code [start, start + length)} of a file channel, read with positional reads so the channel is shared safely. */
final class RangeChannel implements ReadableByteChannel {
    private final FileChannel channel;
    private long position;
    private final long end;
    private boolean open = true;

    RangeChannel(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.position = start;
        this.end = start + length;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(target.remaining(), end - position);
        ByteBuffer window = target.duplicate();
        window.limit(window.position() + wanted);
        int n = channel.read(window, position);
        if (n < 0) {
            throw new java.io.EOFException("entry data ends early at byte " + position);
        }
        target.position(target.position() + n);
        position += n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
