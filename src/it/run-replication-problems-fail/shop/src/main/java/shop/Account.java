package shop;

import java.io.Serializable;

public class Account implements Serializable {
    private static final long serialVersionUID = 1L;
    boolean signedIn = true;
    /** A handle the account keeps open: not Serializable. */
    final AuditTrail audit = new AuditTrail();
}
