package io.github.clusterready.tomcat.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What the probe names as lost on the way, on values serialized and read back for real ({@link Inspection} with
 * this class loader, as with a webapp's), without Tomcat.
 */
class LostFieldsTest {
    static class Context {
        final String path;

        Context(String path) {
            this.path = path;
        }
    }

    abstract static class AbstractBean implements Serializable {
        private static final long serialVersionUID = 1L;
        transient Context context;
        transient Logger log = Logger.getLogger("shop");
        transient Object cache;
        int step;
    }

    static class CheckoutBean extends AbstractBean {
        private static final long serialVersionUID = 1L;
    }

    public static class Priced {
        int price;
        String currency;
        String region = "EU";

        public Priced() {
        }
    }

    static class Offer extends Priced implements Serializable {
        private static final long serialVersionUID = 1L;
        String name;
    }

    static class Draft implements Serializable {
        private static final long serialVersionUID = 1L;
        String title = "Notes";
        String body = "kept here";

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeObject(title);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            title = (String) in.readObject();
        }
    }

    /** Sets its transient field again when read: nothing is lost. */
    static class Restoring implements Serializable {
        private static final long serialVersionUID = 1L;
        transient StringBuilder buffer = new StringBuilder("x");

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            buffer = new StringBuilder();
        }
    }

    static class Ring implements Serializable {
        private static final long serialVersionUID = 1L;
        Ring next;
        transient Context context;
    }

    private static Inspection.Outcome roundTrip(String attribute, Object value) {
        Inspection.Outcome outcome = new Inspection(LostFieldsTest.class.getClassLoader()).inspect(attribute, value,
                true);
        assertNull(outcome.problem, () -> outcome.detail);
        return outcome;
    }

    @Test
    void aTransientFieldHoldingAValueIsLostAndATransientLoggerOrEmptyCacheIsNot() {
        CheckoutBean bean = new CheckoutBean();
        bean.context = new Context("/shop/checkout");
        bean.step = 3;

        Inspection.Outcome outcome = roundTrip("checkout", bean);

        assertEquals(List.of("checkout.context: transient in " + AbstractBean.class.getName()
                + ", null on the other node"), outcome.lost);
        assertNull(outcome.comparisonLimit);
    }

    @Test
    void theFieldsOfANonSerializableSuperclassAreLostButThoseItsConstructorSetsAreNot() {
        Offer offer = new Offer();
        offer.name = "lamp";
        offer.price = 42;
        offer.currency = "EUR";

        Inspection.Outcome outcome = roundTrip("offer", offer);

        String why = "a field of " + Priced.class.getName() + ", which is not Serializable: the other node sets it "
                + "with that class's no-argument constructor";
        // region is "EU" on both nodes: the constructor sets it again
        assertEquals(List.of("offer.price: " + why + ", 0 on the other node",
                "offer.currency: " + why + ", null on the other node"), outcome.lost);
    }

    @Test
    void whatACustomWriteObjectLeavesOutIsLostAndWhatReadObjectSetsAgainIsNot() {
        assertEquals(List.of("draft.body: left out by " + Draft.class.getName() + ".writeObject, null on the other "
                + "node"), roundTrip("draft", new Draft()).lost);
        assertEquals(List.of(), roundTrip("restoring", new Restoring()).lost);
    }

    @Test
    void pathsGoThroughListsMapsAndArraysAndEachFieldIsNamedOncePerValue() {
        CheckoutBean first = new CheckoutBean();
        CheckoutBean second = new CheckoutBean();
        second.context = new Context("/b");
        CheckoutBean third = new CheckoutBean();
        third.context = new Context("/c");
        List<Object> beans = new ArrayList<>(List.of(first, second, third));
        Map<String, Object> byName = new HashMap<>();
        byName.put("offer", new Object[] {null, draft()});

        assertEquals(List.of("beans[1].context: transient in " + AbstractBean.class.getName()
                + ", null on the other node"), roundTrip("beans", beans).lost);
        assertEquals(List.of("byName[offer][1].body: left out by " + Draft.class.getName()
                + ".writeObject, null on the other node"), roundTrip("byName", byName).lost);
    }

    private static Draft draft() {
        return new Draft();
    }

    @Test
    void aCycleIsWalkedOnceAndItsLossFound() {
        Ring a = new Ring();
        Ring b = new Ring();
        a.next = b;
        b.next = a;
        b.context = new Context("/ring");

        Inspection.Outcome outcome = roundTrip("ring", a);

        assertEquals(List.of("ring.next.context: transient in " + Ring.class.getName() + ", null on the other node"),
                outcome.lost);
    }

    @Test
    void aWalkCutShortByItsObjectLimitSaysSo() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < LostFields.MAX_OBJECTS + 10; i++) {
            many.add(new Ring());
        }

        List<Object> copy = new ArrayList<>();
        for (int i = 0; i < many.size(); i++) {
            copy.add(new Ring());
        }
        // given all the time it needs, so that only the object limit counts on a busy machine
        LostFields.Result result = LostFields.compare("many", many, copy, TimeUnit.MINUTES.toNanos(5));

        assertFalse(result.complete);
        assertEquals("compared " + LostFields.MAX_OBJECTS + " objects", result.limit);
        assertTrue(result.lost.isEmpty(), result.lost::toString);
    }
}
