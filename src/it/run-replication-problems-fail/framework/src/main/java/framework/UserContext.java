package framework;

/** What the framework keeps about the signed-in user: not Serializable. */
public class UserContext {
    public final String name;

    public UserContext(String name) {
        this.name = name;
    }
}
