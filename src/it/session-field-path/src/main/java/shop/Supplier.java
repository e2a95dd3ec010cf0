package shop;

/** Not Serializable: a Product holding one cannot be replicated. */
public class Supplier {
    private final String name;

    Supplier(String name) {
        this.name = name;
    }
}
