package io.github.clusterready.tomcat.war;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A window {@code [start, start + length)} of a file channel, read with positional reads so the channel is shared
 * safely; positions are relative to the window's start.
 */
final class RangeChannel implements SeekableByteChannel {
    private final FileChannel channel;
    private final long start;
    private final long end;
    private long position;
    private boolean open = true;

    RangeChannel(FileChannel channel, long start, long length) {
        this.channel = channel;
        this.start = start;
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
            throw new EOFException("entry data ends early at byte " + position);
        }
        target.position(target.position() + n);
        position += n;
        return n;
    }

    @Override
    public long position() {
        return position - start;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = start + Math.min(newPosition, end - start);
        return this;
    }

    @Override
    public long size() {
        return end - start;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
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
