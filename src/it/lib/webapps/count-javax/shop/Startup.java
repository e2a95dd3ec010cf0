package shop;

import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;

/** A listener as javax webapps have them: on Tomcat 10.1 and later its interface does not exist. */
public class Startup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().log("shop started");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
    }
}
