package shop;

import java.io.Serializable;

/** An order the shop placed, kept in the session for the receipt. */
public class Order implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final String item;
    private final int quantity;

    public Order(int number, String item, int quantity) {
        this.number = number;
        this.item = item;
        this.quantity = quantity;
    }

    public int getNumber() {
        return number;
    }

    public String getItem() {
        return item;
    }

    public int getQuantity() {
        return quantity;
    }
}
