package shop;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Serializable, and so is everything it holds. */
public class VisitCounter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> pages = new ArrayList<>();
    private transient Thread lastWorker = Thread.currentThread();

    void visit(String page) {
        pages.add(page);
    }

    int visits() {
        return pages.size();
    }
}
