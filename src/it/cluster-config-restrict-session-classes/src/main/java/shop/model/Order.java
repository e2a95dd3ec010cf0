package shop.model;

import java.io.Serializable;

public class Order implements Serializable {
    private static final long serialVersionUID = 1L;
}
