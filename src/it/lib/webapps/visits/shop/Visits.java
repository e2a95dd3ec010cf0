package shop;

import java.io.Serializable;

/** The visits of one session: a Serializable object the count servlets store in the session again after each change. */
public class Visits implements Serializable {
    private static final long serialVersionUID = 1L;
    int count;
}
