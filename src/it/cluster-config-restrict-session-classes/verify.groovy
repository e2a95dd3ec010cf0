import java.util.regex.Pattern
import javax.xml.parsers.DocumentBuilderFactory
import javax.xml.xpath.XPathFactory

// restrictSessionClasses: the Manager replicates only the classes the session analysis found, plus
// <allowedSessionClasses>, matched as Tomcat matches them (Pattern.matcher(Class.getName()).matches()).
def log = new File(basedir, 'build.log').text
def cluster = new File(basedir, 'target/tomcat-cluster/cluster.xml')
def xpath = { String expression ->
    XPathFactory.newInstance().newXPath().evaluate(expression,
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(cluster))
}
def filter = xpath('/Cluster/Manager/@sessionAttributeValueClassNameFilter')
assert filter : 'no sessionAttributeValueClassNameFilter in ' + cluster
assert xpath('/Cluster/Manager/@warnOnSessionAttributeFilterFailure') == 'true'
def pattern = Pattern.compile(filter)
// what the servlet stores: a Cart, or its subclass GiftCart; an Integer; an Order of shop.model
['shop.Cart', 'shop.GiftCart', 'java.lang.Integer', 'shop.model.Order', 'shop.model.archive.OldOrder'].each {
    assert pattern.matcher(it).matches() : filter + ' must let ' + it + ' through'
}
// and nothing else
['java.lang.String', 'java.lang.Thread', 'shop.CartServlet', 'shop.Carts', 'shop.modelX.Order',
 'java.util.HashMap'].each {
    assert !pattern.matcher(it).matches() : filter + ' must keep ' + it + ' back'
}

def classes = new File(basedir, 'target/tomcat-cluster/session-classes.txt').readLines()
assert classes.containsAll(['java.lang.Integer', 'shop.Cart', 'shop.GiftCart'])
assert classes.contains('# unlisted: shop/CartServlet.java:24: CartServlet.doGet stores a value of type '
        + 'java.lang.Object as "lastOrder"')

// the value it cannot list, and the page it does not read, are named in the build's output
assert log.contains('[WARNING] The session analysis of target/shop.war cannot list the classes of these stored '
        + 'values; <allowedSessionClasses> must cover them, or Tomcat does not replicate them:')
assert log.contains('  - shop/CartServlet.java:24: CartServlet.doGet stores a value of type java.lang.Object as '
        + '"lastOrder"')
assert log.contains('[WARNING] target/shop.war has 1 JSP page, which the session analysis does not read')
assert log.contains('[INFO] Session attributes replicated only for 3 classes from '
        + 'target/tomcat-cluster/session-classes.txt and 1 <allowedSessionClasses>')
assert new File(basedir, 'target/tomcat-cluster/INSTALL.md').text.contains(
        'The Manager replicates only session attribute values whose class matches its '
        + '`sessionAttributeValueClassNameFilter`')
assert log.contains('BUILD SUCCESS')
return true
