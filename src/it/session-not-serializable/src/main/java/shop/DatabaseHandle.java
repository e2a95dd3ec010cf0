package shop;

/** Not Serializable: Tomcat rejects it in a distributable webapp's session. */
public class DatabaseHandle {
    private final String url;

    public DatabaseHandle(String url) {
        this.url = url;
    }
}
