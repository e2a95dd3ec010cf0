package shop;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** A listener whose start fails, as one that finds its configuration missing does. */
@WebListener
public class Boom implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        throw new IllegalStateException("the shop cannot start",
                new IllegalArgumentException("shop.database is not set"));
    }
}
