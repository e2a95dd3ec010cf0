package shop;

public class GiftWrap {
    private final String colour;

    public GiftWrap(String colour) {
        this.colour = colour;
    }
}
