package shop;

import org.apache.wicket.markup.html.WebPage;
import org.apache.wicket.markup.html.basic.Label;
import org.apache.wicket.markup.html.form.Form;
import org.apache.wicket.markup.html.form.TextField;
import org.apache.wicket.model.Model;

/** A counter kept in the page instance, raised by a form: its state lives where Wicket stores pages. */
public class HomePage extends WebPage {
    private static final long serialVersionUID = 1L;

    private int count;

    public HomePage() {
        add(new Label("count", () -> "Count: " + count));
        Form<Void> form = new Form<Void>("form") {
            private static final long serialVersionUID = 1L;

            @Override
            protected void onSubmit() {
                count++;
            }
        };
        form.add(new TextField<>("who", Model.of("")));
        add(form);
    }
}
