package io.github.clusterready.tomcat.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe's immutables, shared objects and limits, on values serialized for real, without Tomcat. */
class InspectionTest {
    /** Provably immutable: final, every field final and immutable. */
    static final class Money implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long cents;
        private final String currency;
        private final ZoneId zone = ZoneId.of("Europe/Paris");

        Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
        }
    }

    /** Final fields, but one holds a list, which can change. */
    static final class Basket implements Serializable {
        private static final long serialVersionUID = 1L;
        private final List<String> items = new ArrayList<>();
    }

    /** Not final: a subclass may add state. */
    static class OpenMoney implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long cents = 1;
    }

    static final class Counter implements Serializable {
        private static final long serialVersionUID = 1L;
        private int count;
    }

    static final class Chain implements Serializable {
        private static final long serialVersionUID = 1L;
        final Chain next;

        Chain(Chain next) {
            this.next = next;
        }
    }

    enum Size { SMALL, LARGE { @Override public String toString() { return "L"; } } }

    static final class Slow implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            try {
                Thread.sleep(Inspection.MAX_NANOS / 1_000_000 + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.writeInt(1);
            out.writeObject(new byte[10_000]);
        }
    }

    static final class Huge implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            byte[] block = new byte[1024 * 1024];
            for (int i = 0; i <= Inspection.MAX_BYTES / block.length; i++) {
                out.write(block);
            }
        }
    }

    private static Inspection inspection() {
        return new Inspection(InspectionTest.class.getClassLoader());
    }

    @Test
    void valuesOfTheJdkThatCannotChangeAreImmutableAndThoseThatCanAreNot() {
        for (Object value : new Object[] {"text", 1, 2L, 'c', true, 1.5, Locale.FRANCE, new BigDecimal("1.10"),
                BigInteger.TEN, UUID.randomUUID(), URI.create("https://example.org/"), LocalDate.of(2026, 12, 6),
                ZoneId.of("Europe/Paris"), Size.SMALL, Size.LARGE, String.class}) {
            assertTrue(Immutables.immutable(value), value.getClass().getName());
        }
        for (Object value : new Object[] {new StringBuilder("x"), new ArrayList<>(), new Date(), new int[1],
                new Object[0], new java.util.concurrent.atomic.AtomicInteger()}) {
            assertFalse(Immutables.immutable(value), value.getClass().getName());
        }
    }

    @Test
    void aClassIsImmutableOnlyWhenProvablySo() {
        assertTrue(Immutables.immutable(new Money(4200, "EUR")));
        assertFalse(Immutables.immutable(new Basket()), "a final field holding a list");
        assertFalse(Immutables.immutable(new OpenMoney()), "a class that is not final");
        assertFalse(Immutables.immutable(new Counter()), "a field that is not final");
        assertFalse(Immutables.immutable(new Chain(null)), "a class that refers to itself is not proven");
    }

    @Test
    void anImmutableValueUnderTwoNamesIsNotSharedAndAMutableOneIs() {
        Inspection inspection = inspection();
        Locale locale = Locale.FRANCE;
        Money money = new Money(4200, "EUR");
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        StringBuilder text = new StringBuilder("b");
        for (String name : new String[] {"locale", "language"}) {
            inspection.inspect(name, locale, false);
        }
        for (String name : new String[] {"total", "shown"}) {
            inspection.inspect(name, money, false);
        }
        assertEquals(List.of(), inspection.shared);

        inspection.inspect("list", list, false);
        inspection.inspect("alias", list, false);
        inspection.inspect("text", text, false);
        inspection.inspect("again", text, false);
        assertEquals(2, inspection.shared.size());
        assertEquals(List.of("list", "alias", "java.util.ArrayList"), List.of(inspection.shared.get(0)));
        assertEquals(List.of("text", "again", "java.lang.StringBuilder"), List.of(inspection.shared.get(1)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aGraphTooDeepForTheStackIsUninspectableAndTheNextValueIsInspectedAsUsual() {
        Chain chain = null;
        for (int i = 0; i < 200_000; i++) {
            chain = new Chain(chain);
        }
        Inspection inspection = inspection();

        Inspection.Outcome deep = inspection.inspect("chain", chain, true);
        Inspection.Outcome next = inspection.inspect("counter", 1, true);

        assertEquals(ProbeProtocol.Kind.UNINSPECTABLE, deep.problem);
        assertTrue(deep.detail.startsWith("its object graph is too deep for a thread's stack (StackOverflowError)"),
                deep.detail);
        assertNull(deep.digest);
        assertNull(next.problem, next.detail);
        assertNotNull(next.digest);
    }

    @Test
    void aValueLargerThanTheLimitIsUninspectable() {
        Inspection.Outcome outcome = inspection().inspect("huge", new Huge(), true);

        assertEquals(ProbeProtocol.Kind.UNINSPECTABLE, outcome.problem);
        assertEquals("it serializes to more than 64 MB; the probe inspects values up to that size", outcome.detail);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aWriteObjectSlowerThanTheLimitIsUninspectable() {
        Inspection.Outcome outcome = inspection().inspect("slow", new Slow(), true);

        assertEquals(ProbeProtocol.Kind.UNINSPECTABLE, outcome.problem);
        assertTrue(outcome.detail.startsWith("serializing it took longer than 2000 ms"), outcome.detail);
    }

    @Test
    void aHashMapAndItsCopyOnTheOtherNodeHaveOneComparableDigestThoughTheirBytesDiffer() throws Exception {
        // a table of 1,024 buckets for two entries: the copy read back has the capacity its size gives
        Map<String, Integer> prices = new HashMap<>(1024);
        prices.put("apple", 3);
        prices.put("pear", 4);
        Inspection inspection = new Inspection(getClass().getClassLoader());
        Inspection.Outcome live = inspection.inspect("prices", prices, false);
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(live.bytes))) {
            copy = in.readObject();
        }
        Inspection.Outcome other = new Inspection(getClass().getClassLoader()).inspect("prices", copy, false);

        assertNotEquals(live.digest, other.digest, "the bytes of the value and of its copy differ");
        assertEquals(inspection.comparableDigest(live), inspection.comparableDigest(other));
        prices.put("plum", 5);
        assertNotEquals(inspection.comparableDigest(inspection.inspect("prices", prices, false)),
                inspection.comparableDigest(other), "a real change still shows");
    }
}
