package shop;

import java.io.Serializable;

public class Visits implements Serializable {
    private static final long serialVersionUID = 1L;
    int count;
}
