package io.github.clusterready.examples.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;

class VisitCounterTest {

    @Test
    void incrementCountsVisits() {
        VisitCounter counter = new VisitCounter();
        assertEquals(0, counter.getCount());
        assertEquals(1, counter.increment());
        assertEquals(2, counter.increment());
        assertEquals(2, counter.getCount());
    }

    @Test
    void survivesSerializationLikeReplicatedSession() throws Exception {
        VisitCounter counter = new VisitCounter();
        counter.increment();
        counter.increment();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(counter);
        }
        VisitCounter copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (VisitCounter) in.readObject();
        }

        assertEquals(2, copy.getCount());
        assertEquals(3, copy.increment());
    }
}
