package io.github.clusterready.tomcat.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the field comparison adds to the probe's work for one attribute a request set: times, alternately in one
 * JVM, {@code Inspection.inspect} with the round trip (serialize, read back, compare) and the comparison alone
 * ({@code LostFields.compare}) on the same values: the benchmark's cart of 100 strings
 * ({@code runtime/ProbeOverheadBenchmark}), and a graph of 1,000 beans of the application's own class. Prints the
 * median of {@code bench.samples} samples of {@code bench.calls} calls each. Run:
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     io.github.clusterready.tomcat.probe.InspectionCostBenchmark
 * </pre>
 */
public final class InspectionCostBenchmark {
    static final class Bean implements Serializable {
        private static final long serialVersionUID = 1L;
        String name = "item";
        int quantity = 2;
        transient Object cache;
        Bean next;
    }

    private InspectionCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 21);
        int calls = Integer.getInteger("bench.calls", 200);
        ArrayList<String> cart = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            cart.add("item-" + i);
        }
        List<Bean> beans = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Bean bean = new Bean();
            bean.next = beans.isEmpty() ? null : beans.get(i - 1);
            beans.add(bean);
        }
        ClassLoader loader = InspectionCostBenchmark.class.getClassLoader();
        System.out.printf(Locale.ROOT, "Inspection cost per attribute set in a request; %d samples of %d calls%n",
                samples, calls);
        for (Object[] value : new Object[][] {{"cart of 100 strings", cart}, {"1,000 beans", beans}}) {
            Object copy = copy(value[1]);
            long[] whole = new long[samples];
            long[] compare = new long[samples];
            for (int s = -5; s < samples; s++) {
                long start = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    new Inspection(loader).inspect("cart", value[1], true);
                }
                long middle = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    LostFields.compare("cart", value[1], copy, TimeUnit.SECONDS.toNanos(2));
                }
                long end = System.nanoTime();
                if (s >= 0) {
                    whole[s] = (middle - start) / calls;
                    compare[s] = (end - middle) / calls;
                }
            }
            Arrays.sort(whole);
            Arrays.sort(compare);
            System.out.printf(Locale.ROOT, "%-20s inspect with round trip %7.1f us, of which the comparison %6.1f us "
                    + "(%.0f %%)%n", value[0], whole[samples / 2] / 1e3, compare[samples / 2] / 1e3,
                    100.0 * compare[samples / 2] / whole[samples / 2]);
        }
    }

    private static Object copy(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
