package shop;

public class GiftCart extends Cart {
    private static final long serialVersionUID = 1L;
    String message;
}
