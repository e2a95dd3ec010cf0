package shop.catalog;

import net.sourceforge.stripes.action.DefaultHandler;
import net.sourceforge.stripes.action.ForwardResolution;
import net.sourceforge.stripes.action.Resolution;
import net.sourceforge.stripes.action.UrlBinding;
import shop.AbstractActionBean;

/** The shop's catalog: a form that puts an item into the cart. */
@UrlBinding("/Catalog.action")
public class CatalogActionBean extends AbstractActionBean {
    private static final long serialVersionUID = 1L;

    @DefaultHandler
    public Resolution view() {
        return new ForwardResolution("/WEB-INF/catalog.jsp");
    }
}
