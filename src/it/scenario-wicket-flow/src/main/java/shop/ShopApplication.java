package shop;

import org.apache.wicket.DefaultPageManagerProvider;
import org.apache.wicket.Page;
import org.apache.wicket.pageStore.IPageStore;
import org.apache.wicket.pageStore.InSessionPageStore;
import org.apache.wicket.protocol.http.WebApplication;

/**
 * A Wicket 10 shop of one page. With -Dshop.pageStore=session it keeps its page instances in the HTTP session (the
 * framework's own advice for a cluster); otherwise in Wicket's default store, on the node's disk.
 */
public class ShopApplication extends WebApplication {
    @Override
    public Class<? extends Page> getHomePage() {
        return HomePage.class;
    }

    @Override
    protected void init() {
        super.init();
        if ("session".equals(System.getProperty("shop.pageStore"))) {
            setPageManagerProvider(new DefaultPageManagerProvider(this) {
                @Override
                protected IPageStore newPersistentStore() {
                    return new InSessionPageStore(20);
                }
            });
        }
    }
}
