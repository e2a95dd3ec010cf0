package shop.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The cart as a model object of its own in the session: no ActionBean, no context. */
public class Cart implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> items = new ArrayList<String>();

    public void add(String item) {
        items.add(item);
    }

    public List<String> getItems() {
        return items;
    }
}
