package shop;

public class Customer extends Person implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
}
