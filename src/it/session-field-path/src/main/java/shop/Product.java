package shop;

import java.io.Serializable;

public class Product implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Supplier supplier;

    Product(String name, Supplier supplier) {
        this.name = name;
        this.supplier = supplier;
    }
}
