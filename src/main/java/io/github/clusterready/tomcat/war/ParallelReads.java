package io.github.clusterready.tomcat.war;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Reads of a WAR run on other threads (its library jars, the fragment check beside a rewrite), seen from the thread
 * that waits for them: a read ends for the waiter as it ended on its own thread.
 */
public final class ParallelReads {
    private ParallelReads() {
    }

    /**
     * The result of {@code read}, once it is done; what it threw (an {@link IOException}, a {@link WarException}, a
     * {@link RuntimeException}, an {@link Error}) is thrown again as it was.
     *
     * @param doing what the waiter waits for, for the {@link InterruptedIOException} an interrupt becomes:
     *     "reading the library jars"
     */
    public static <T> T result(Future<T> read, String doing) throws IOException, WarException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof WarException) {
                throw (WarException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }
}
