package framework;

import jakarta.servlet.http.HttpSession;

/** Signs a user in the way many frameworks do: it stores its own object, and swallows what goes wrong. */
public final class Login {
    private Login() {
    }

    public static void signIn(HttpSession session, String name) {
        try {
            session.setAttribute("user", new UserContext(name));
        } catch (IllegalArgumentException e) {
            // a framework that shows an error page instead and logs nothing
        }
    }
}
